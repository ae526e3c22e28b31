package vn.lienlac.messaging.inbound;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/** {@link InboundReplies} in {@code messaging.inbound_reply}; a repeat of (channel, external id) does nothing. */
final class StoredInboundReplies implements InboundReplies {

  static final String INSERT = """
      INSERT INTO messaging.inbound_reply (guardian_id, channel, external_id, text, received_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (channel, external_id) DO NOTHING
      RETURNING id""";

  // No pool of its own: a reply is stored in the transaction of the event that carried it.
  StoredInboundReplies() {}

  @Override
  public Future<Long> fromGuardian(SqlConnection tx, long guardianId, String channel, String externalId, String text,
                                   Instant receivedAt) {
    if (text == null || text.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("an inbound reply needs text"));
    }
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(guardianId, channel, externalId, text, receivedAt.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }
}
