package vn.lienlac.delivery.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** The attempts of a batch about to be sent; those no longer ours (lease taken over) are not returned. */
  static final String MARK_SENDING = """
      UPDATE delivery.attempt a
      SET state = 'sending', provider = $3, attempt_count = a.attempt_count + 1,
          lease_until = now() + $4::bigint * interval '1 millisecond', updated_at = now()
      FROM unnest($1::bigint[]) AS x(id)
      WHERE a.id = x.id AND a.claimed_by = $2 AND a.state = 'claimed' AND a.lease_until > now()
      RETURNING a.id""";

  /** Also from {@code unknown}: the provider's late answer settles what the reclaim could not. */
  static final String ACCEPTED = """
      UPDATE delivery.attempt a
      SET state = 'accepted', provider_message_id = coalesce(x.pmid, a.provider_message_id), segments = x.segments,
          cost_vnd = x.cost, last_error = NULL, lease_until = NULL, updated_at = now()
      FROM unnest($1::bigint[], $3::text[], $4::int[], $5::bigint[]) AS x(id, pmid, segments, cost)
      WHERE a.id = x.id AND a.claimed_by = $2 AND a.state IN ('sending', 'unknown')""";

  static final String RETRY_LATER = """
      UPDATE delivery.attempt a
      SET state = 'pending', next_attempt_at = now() + x.delay * interval '1 millisecond', last_error = x.reason,
          claimed_by = NULL, lease_until = NULL, updated_at = now()
      FROM unnest($1::bigint[], $3::bigint[], $4::text[]) AS x(id, delay, reason)
      WHERE a.id = x.id AND a.claimed_by = $2 AND a.state IN ('claimed', 'sending')""";

  static final String FINISH = """
      UPDATE delivery.attempt a
      SET state = x.state, last_error = x.reason, lease_until = NULL, updated_at = now()
      FROM unnest($1::bigint[], $3::text[], $4::text[]) AS x(id, state, reason)
      WHERE a.id = x.id AND a.claimed_by = $2 AND a.state IN ('claimed', 'sending')""";

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

  /** Marks the attempts {@code sending}; completes with those still ours (a lease may have been taken over). */
  public Future<Set<Long>> markSending(List<Long> ids, String provider, Duration lease) {
    return pool.preparedQuery(MARK_SENDING)
        .execute(Tuple.of(ids.toArray(Long[]::new), workerId, provider, lease.toMillis()))
        .map(rows -> {
          Set<Long> ours = new HashSet<>();
          rows.forEach(r -> ours.add(r.getLong(0)));
          return ours;
        });
  }

  /**
   * Writes what the provider said for a batch's notices and every retry and final failure, in one
   * transaction: a few set-based statements instead of a commit per attempt.
   */
  public Future<Void> record(SqlConnection tx, BatchOutcomes outcomes) {
    List<Future<?>> writes = new ArrayList<>();
    if (!outcomes.noticesAccepted().isEmpty()) {
      var a = outcomes.noticesAccepted();
      writes.add(tx.preparedQuery(ACCEPTED).execute(Tuple.of(ids(a), workerId,
          a.stream().map(BatchOutcomes.Accepted::providerMessageId).toArray(String[]::new),
          a.stream().map(BatchOutcomes.Accepted::units).toArray(Integer[]::new),
          a.stream().map(BatchOutcomes.Accepted::costVnd).toArray(Long[]::new))));
    }
    if (!outcomes.retries().isEmpty()) {
      var r = outcomes.retries();
      writes.add(tx.preparedQuery(RETRY_LATER).execute(Tuple.of(
          r.stream().map(BatchOutcomes.Later::id).toArray(Long[]::new), workerId,
          r.stream().map(l -> l.delay().toMillis()).toArray(Long[]::new),
          r.stream().map(BatchOutcomes.Later::reason).toArray(String[]::new))));
    }
    if (!outcomes.finished().isEmpty()) {
      var f = outcomes.finished();
      writes.add(tx.preparedQuery(FINISH).execute(Tuple.of(
          f.stream().map(BatchOutcomes.Finished::id).toArray(Long[]::new), workerId,
          f.stream().map(BatchOutcomes.Finished::state).toArray(String[]::new),
          f.stream().map(BatchOutcomes.Finished::reason).toArray(String[]::new))));
    }
    return Future.all(writes).mapEmpty();
  }

  static Long[] ids(List<BatchOutcomes.Accepted> accepted) {
    return accepted.stream().map(BatchOutcomes.Accepted::id).toArray(Long[]::new);
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
