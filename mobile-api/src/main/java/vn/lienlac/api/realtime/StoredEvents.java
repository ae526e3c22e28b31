package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RealtimeEvents}: insert with the user's next id, then PUBLISH once committed. */
final class StoredEvents implements RealtimeEvents {

  private static final Logger LOG = LoggerFactory.getLogger(StoredEvents.class);

  /**
   * The upsert takes the user's counter row lock until commit, so a concurrent publisher for the same
   * user waits and then gets the next id: ids are gap-free in commit order (a rollback frees its id).
   */
  static final String INSERT = """
      WITH next AS (
        INSERT INTO api.realtime_stream AS s (subject, last_id) VALUES ($1, 1)
        ON CONFLICT (subject) DO UPDATE SET last_id = s.last_id + 1
        RETURNING s.last_id)
      INSERT INTO api.realtime_event (subject, id, type, data)
      SELECT $1, last_id, $2, $3 FROM next
      RETURNING id, at""";

  /**
   * {@link #INSERT} for many users in one statement. The counters are upserted in subject order, so two
   * such statements (or one and a single publish) lock shared users in the same order and cannot deadlock.
   */
  static final String INSERT_EACH = """
      WITH next AS (
        INSERT INTO api.realtime_stream AS s (subject, last_id)
        SELECT u.subject, 1 FROM unnest($1::text[]) AS u(subject) ORDER BY u.subject
        ON CONFLICT (subject) DO UPDATE SET last_id = s.last_id + 1
        RETURNING s.subject, s.last_id)
      INSERT INTO api.realtime_event (subject, id, type, data)
      SELECT subject, last_id, $2, $3 FROM next
      RETURNING subject, id, at""";

  private static final Pattern SUBJECT = Pattern.compile("[gs]:[0-9]{1,19}");

  private final Pool pool;
  private final Redis redis;
  private final String channel;

  StoredEvents(Pool pool, Redis redis, String channel) {
    this.pool = pool;
    this.redis = redis;
    this.channel = channel;
  }

  @Override
  public Future<Long> publish(String subject, String type, JsonObject data) {
    try {
      check(subject, type, data);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return pool.withTransaction(conn -> insert(conn, subject, type, data))
        .map(event -> {
          announce(event);
          return event.id();
        });
  }

  @Override
  public Future<Long> publish(SqlConnection connection, String subject, String type, JsonObject data) {
    try {
      check(subject, type, data);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return insert(connection, subject, type, data).map(event -> {
      Transaction tx = connection.transaction();
      if (tx == null) {
        announce(event); // auto-commit: already committed
      } else {
        tx.completion().onSuccess(v -> announce(event)); // a rollback announces nothing
      }
      return event.id();
    });
  }

  @Override
  public Future<Integer> publishToEach(Collection<String> subjects, String type, JsonObject data) {
    TreeSet<String> each = new TreeSet<>(subjects);
    try {
      for (String subject : each) {
        check(subject, type, data);
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (each.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery(INSERT_EACH).execute(Tuple.of(each.toArray(String[]::new), type, data))
        .map(rows -> {
          List<Request> announcements = new ArrayList<>(rows.size());
          for (Row row : rows) {
            long id = row.getLong("id");
            EventFrames.Event event = new EventFrames.Event(row.getString("subject"), id,
                EventFrames.event(id, type, row.getOffsetDateTime("at").toInstant(), data));
            announcements.add(Request.cmd(Command.PUBLISH).arg(channel).arg(EventFrames.toRedis(event)));
          }
          redis.batch(announcements).onFailure(e -> LOG.warn("{} realtime events committed but not announced on "
              + "Redis ({}); connected apps get them from the catch-up poll", announcements.size(), e.getMessage()));
          return rows.rowCount();
        });
  }

  /** One Redis message for the whole range; each api process resolves its own connected guardians. */
  @Override
  public void recipientsAdded(long messageId, long afterGuardian, long upToGuardian) {
    redis.send(Request.cmd(Command.PUBLISH).arg(channel)
            .arg(EventFrames.toRedis(new EventFrames.RecipientsAdded(messageId, afterGuardian, upToGuardian))))
        .onFailure(e -> LOG.warn("message {}: recipients ({}, {}] not announced on Redis ({}); connected apps see "
            + "it on their next inbox load", messageId, afterGuardian, upToGuardian, e.getMessage()));
  }

  private static Future<EventFrames.Event> insert(SqlConnection conn, String subject, String type, JsonObject data) {
    return conn.preparedQuery(INSERT).execute(Tuple.of(subject, type, data)).map(rows -> {
      Row row = rows.iterator().next();
      long id = row.getLong("id");
      OffsetDateTime at = row.getOffsetDateTime("at");
      return new EventFrames.Event(subject, id, EventFrames.event(id, type, at.toInstant(), data));
    });
  }

  /** Best effort: the event is committed; a lost announcement is found by the catch-up poll. */
  private void announce(EventFrames.Event event) {
    redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(EventFrames.toRedis(event)))
        .onFailure(e -> LOG.warn("realtime event {} committed but not announced on Redis ({}); "
            + "connected apps get it from the catch-up poll", event.id(), e.getMessage()));
  }

  private static void check(String subject, String type, JsonObject data) {
    if (subject == null || !SUBJECT.matcher(subject).matches()) {
      throw new IllegalArgumentException("a realtime subject is g:<guardian id> or s:<staff account id>, got '" + subject + "'");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown realtime event type '" + type + "'; known: " + TYPES);
    }
    if (data == null) {
      throw new IllegalArgumentException("a realtime event needs data (an empty object at least)");
    }
  }
}
