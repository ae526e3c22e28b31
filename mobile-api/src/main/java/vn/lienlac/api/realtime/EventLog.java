package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads stored events: the newest id of a user, what came after an id, and who is behind. */
final class EventLog {

  static final String NEWEST = "SELECT last_id FROM api.realtime_stream WHERE subject = $1";

  static final String AFTER = """
      SELECT id, type, data, at FROM api.realtime_event
      WHERE subject = $1 AND id > $2 ORDER BY id LIMIT $3""";

  /** For many users at once: those whose newest id is past what their connections were sent. */
  static final String BEHIND = """
      SELECT s.subject, s.last_id
      FROM unnest($1::text[], $2::bigint[]) AS c(subject, sent)
      JOIN api.realtime_stream s ON s.subject = c.subject
      WHERE s.last_id > c.sent""";

  private final Pool pool;

  EventLog(Pool pool) {
    this.pool = pool;
  }

  /** The last id handed out for the user; 0 before their first event. */
  Future<Long> newest(String subject) {
    return pool.preparedQuery(NEWEST).execute(Tuple.of(subject))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /** Up to {@code limit} events after {@code afterId}, in id order, as frames. */
  Future<List<EventFrames.Event>> after(String subject, long afterId, int limit) {
    return pool.preparedQuery(AFTER).execute(Tuple.of(subject, afterId, limit)).map(rows -> {
      List<EventFrames.Event> events = new ArrayList<>(rows.size());
      for (Row row : rows) {
        long id = row.getLong("id");
        events.add(new EventFrames.Event(subject, id, EventFrames.event(id, row.getString("type"),
            row.getOffsetDateTime("at").toInstant(), row.getValue("data"))));
      }
      return events;
    });
  }

  /** The newest id of every given user who has events past {@code sent[i]}. */
  Future<Map<String, Long>> behind(String[] subjects, Long[] sent) {
    // Tuple.of(Object...) would spread the second array into separate parameters.
    return pool.preparedQuery(BEHIND).execute(Tuple.tuple().addArrayOfString(subjects).addArrayOfLong(sent)).map(rows -> {
      Map<String, Long> newest = new java.util.HashMap<>();
      for (Row row : rows) {
        newest.put(row.getString(0), row.getLong(1));
      }
      return newest;
    });
  }
}
