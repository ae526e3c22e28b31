package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.events.UserEvents;

/**
 * {@code message.created} for a district-wide message, to the open apps only. The expansion announces each
 * committed chunk on Redis as a guardian-id range instead of storing an event per guardian (a million
 * rows); every api process takes the guardians connected to it in that range, keeps those who really got
 * a recipient row (one primary-key probe each) and stores and announces their events in one statement.
 * Guardians not connected see the message in their inbox when they open the app, as after any absence.
 */
final class LiveRecipients {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRecipients.class);

  static final String RECIPIENTS = """
      SELECT r.guardian_id FROM messaging.recipient r
       WHERE r.message_id = $1 AND r.guardian_id = ANY ($2::bigint[])""";

  private final RealtimeHub hub;
  private final Pool pool;
  private final RealtimeEvents events;

  LiveRecipients(RealtimeHub hub, Pool pool, RealtimeEvents events) {
    this.hub = hub;
    this.pool = pool;
    this.events = events;
  }

  /** @return how many events this process stored (0 when none of the range is connected here) */
  Future<Integer> added(EventFrames.RecipientsAdded range) {
    List<Long> connected = hub.guardiansConnected(range.afterGuardian(), range.upToGuardian());
    if (connected.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery(RECIPIENTS)
        .execute(Tuple.tuple().addLong(range.messageId()).addArrayOfLong(connected.toArray(Long[]::new)))
        .compose(rows -> {
          List<String> subjects = new ArrayList<>(rows.size());
          for (Row r : rows) {
            subjects.add("g:" + r.getLong(0));
          }
          return events.publishToEach(subjects, UserEvents.MESSAGE_CREATED,
              new JsonObject().put("messageId", range.messageId()));
        })
        .onFailure(e -> LOG.warn("message {}: realtime events for connected recipients not stored ({})",
            range.messageId(), e.getMessage()));
  }
}
