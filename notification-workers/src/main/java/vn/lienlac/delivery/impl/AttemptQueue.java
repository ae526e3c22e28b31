package vn.lienlac.delivery.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.lienlac.delivery.channel.MessageContent;

/**
 * The durable work queue in {@code delivery.attempt}. Every write after the claim is conditional on
 * {@code claimed_by} = this worker, so a worker whose lease ran out can no longer change a row another
 * worker now holds.
 */
public final class AttemptQueue {

  /**
   * Expired leases go back to the queue; an expired {@code sending} row of a provider without an
   * idempotency key cannot be sent again safely, so it becomes {@code unknown} (claimed_by kept, so the
   * worker that was sending can still record what the provider answered).
   */
  static final String RECLAIM = """
      WITH expired AS (
        SELECT id FROM delivery.attempt
        WHERE state IN ('claimed', 'sending') AND lease_until < now()
        ORDER BY id LIMIT 1000
        FOR UPDATE SKIP LOCKED)
      UPDATE delivery.attempt a SET
        state = CASE WHEN a.state = 'sending' AND NOT coalesce(a.provider = ANY($1::text[]), false)
                     THEN 'unknown' ELSE 'pending' END,
        last_error = CASE WHEN a.state = 'sending' AND NOT coalesce(a.provider = ANY($1::text[]), false)
                     THEN 'the worker stopped while the provider call was in flight; '
                          || 'the provider has no idempotency key, so it was not sent again'
                     ELSE a.last_error END,
        claimed_by = CASE WHEN a.state = 'sending' AND NOT coalesce(a.provider = ANY($1::text[]), false)
                     THEN a.claimed_by END,
        next_attempt_at = now(), lease_until = NULL, updated_at = now()
      FROM expired
      WHERE a.id = expired.id
      RETURNING a.id, a.state, a.channel, a.provider""";

  static final String CLAIM = """
      WITH due AS (
        SELECT id, notice_id, recipient_message_id, recipient_guardian_id FROM delivery.attempt
        WHERE state = 'pending' AND next_attempt_at <= now() AND channel = ANY($3::text[])
        ORDER BY priority, next_attempt_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
      UPDATE delivery.attempt a
      SET state = 'claimed', claimed_by = $1, lease_until = now() + $4::bigint * interval '1 millisecond',
          updated_at = now()
      FROM due LEFT JOIN messaging.notice n ON n.id = due.notice_id
        LEFT JOIN messaging.message m ON m.id = due.recipient_message_id
        LEFT JOIN directory.guardian g ON g.id = due.recipient_guardian_id
      WHERE a.id = due.id
      RETURNING a.id, a.channel, a.attempt_count, coalesce(n.phone_e164, g.phone_e164), n.template, n.params,
        coalesce(n.language, g.language), m.id, due.recipient_guardian_id, m.title, m.body, m.priority, m.school_code,
        m.status""";

  static final String MARK_SENDING = """
      UPDATE delivery.attempt
      SET state = 'sending', provider = $3, attempt_count = attempt_count + 1,
          lease_until = now() + $4::bigint * interval '1 millisecond', updated_at = now()
      WHERE id = $1 AND claimed_by = $2 AND state = 'claimed' AND lease_until > now()
      RETURNING attempt_count""";

  /** Also from {@code unknown}: the provider's late answer settles what the reclaim could not. */
  static final String ACCEPTED = """
      UPDATE delivery.attempt
      SET state = 'accepted', provider_message_id = coalesce($3, provider_message_id), segments = $4, cost_vnd = $5, last_error = NULL,
          lease_until = NULL, updated_at = now()
      WHERE id = $1 AND claimed_by = $2 AND state IN ('sending', 'unknown')""";

  static final String RETRY_LATER = """
      UPDATE delivery.attempt
      SET state = 'pending', next_attempt_at = now() + $3::bigint * interval '1 millisecond', last_error = $4,
          claimed_by = NULL, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND claimed_by = $2 AND state IN ('claimed', 'sending')""";

  static final String FINISH = """
      UPDATE delivery.attempt
      SET state = $3, last_error = $4, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND claimed_by = $2 AND state IN ('claimed', 'sending')""";

  /** A state the reclaim set, for reporting. */
  public record Reclaimed(long id, String state, String channel, String provider) {}

  private final Pool pool;
  private final String workerId;

  public AttemptQueue(Pool pool, String workerId) {
    this.pool = pool;
    this.workerId = workerId;
  }

  public Future<List<Reclaimed>> reclaimExpired(List<String> idempotentProviders) {
    return pool.preparedQuery(RECLAIM).execute(Tuple.of(idempotentProviders.toArray(String[]::new)))
        .map(rows -> {
          List<Reclaimed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Reclaimed(r.getLong(0), r.getString(1), r.getString(2), r.getString(3))));
          return out;
        });
  }

  public Future<List<ClaimedAttempt>> claim(List<String> channels, int batchSize, Duration lease) {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(workerId, batchSize, channels.toArray(String[]::new), lease.toMillis()))
        .map(AttemptQueue::claimed);
  }

  /** Completes with false when the claim is no longer ours (lease expired and taken over). */
  public Future<Boolean> markSending(long id, String provider, Duration lease) {
    return pool.preparedQuery(MARK_SENDING).execute(Tuple.of(id, workerId, provider, lease.toMillis()))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> accepted(long id, String providerMessageId, int segments, long costVnd) {
    return update(ACCEPTED, Tuple.of(id, workerId, providerMessageId, segments, costVnd));
  }

  public Future<Boolean> retryLater(long id, Duration delay, String reason) {
    return update(RETRY_LATER, Tuple.of(id, workerId, delay.toMillis(), reason));
  }

  /** @param state {@code failed} or {@code unknown} */
  public Future<Boolean> finish(long id, String state, String reason) {
    return update(FINISH, Tuple.of(id, workerId, state, reason));
  }

  private Future<Boolean> update(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() == 1);
  }

  private static List<ClaimedAttempt> claimed(RowSet<Row> rows) {
    List<ClaimedAttempt> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Map<String, String> params = new LinkedHashMap<>();
      Object json = r.getValue(5);
      if (json instanceof JsonObject object) {
        object.forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
      }
      MessageContent message = r.getLong(7) == null ? null : new MessageContent(r.getLong(7), r.getLong(8),
          r.getString(9), r.getString(10), r.getString(11), r.getString(6) == null ? "vi" : r.getString(6),
          r.getString(12));
      out.add(new ClaimedAttempt(r.getLong(0), r.getString(1), r.getInteger(2), r.getString(3), r.getString(4),
          params, r.getString(6), message, r.getString(13)));
    }
    return out;
  }
}
