package vn.lienlac.delivery.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The writes particular to attempts that deliver a message to a guardian: an acceptance also marks
 * the recipient row delivered, counts it in its shard of messaging.message_count and charges the
 * school's budget, all in one statement (so in one transaction) with the attempt's own change.
 */
public final class RecipientAttempts {

  static final String ACCEPTED = """
      WITH a AS (
        UPDATE delivery.attempt t
        SET state = 'accepted', provider_message_id = coalesce(x.pmid, t.provider_message_id),
            segments = CASE WHEN t.channel = 'push' THEN NULL ELSE x.units END,
            devices_reached = CASE WHEN t.channel = 'push' THEN x.units END,
            cost_vnd = CASE WHEN t.channel = 'zns' AND x.cost = 0
                            THEN coalesce((SELECT p.zns_price_vnd FROM delivery.school_policy p
                                           WHERE p.school_code = t.school_code), $6)
                            ELSE x.cost END,
            last_error = NULL, lease_until = NULL, held_by_breaker = false,
            accepted_at = now(), updated_at = now()
        FROM unnest($1::bigint[], $3::text[], $4::int[], $5::bigint[]) AS x(id, pmid, units, cost)
        WHERE t.id = x.id AND t.claimed_by = $2 AND t.state IN ('sending', 'unknown')
        RETURNING t.recipient_message_id, t.recipient_guardian_id, t.channel, t.school_code, t.cost_vnd),
      r AS (
        UPDATE messaging.recipient r
        SET delivery_state = 'delivered', delivery_channel = a.channel, delivered_at = now(), unreachable_reason = NULL
        FROM a
        WHERE r.message_id = a.recipient_message_id AND r.guardian_id = a.recipient_guardian_id
          AND r.delivery_state IN ('pending', 'sending')
        RETURNING r.message_id, r.guardian_id),
      c AS (
        UPDATE messaging.message_count c SET delivered = c.delivered + d.n
        FROM (SELECT message_id, guardian_id % 16 AS shard, count(*) AS n FROM r GROUP BY 1, 2) d
        WHERE c.message_id = d.message_id AND c.shard = d.shard
        RETURNING 1),
      b AS (
        UPDATE delivery.school_budget b SET spent_vnd = b.spent_vnd + d.cost,
            exhausted_at = CASE WHEN b.spent_vnd + d.cost >= b.limit_vnd THEN coalesce(b.exhausted_at, now()) END
        FROM (SELECT school_code, channel, sum(cost_vnd) AS cost FROM a WHERE cost_vnd > 0 GROUP BY 1, 2) d
        WHERE b.school_code = d.school_code AND b.channel = d.channel
          AND b.month = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
        RETURNING 1)
      SELECT count(*) FROM a""";

  /**
   * The count shards and budgets a batch's acceptances change, locked in one fixed order before they
   * are changed: two workers' batches then never wait on each other in a cycle (a deadlock would roll
   * a whole batch back).
   */
  static final String LOCK_SHARED_ROWS = """
      SELECT 1 FROM (
        SELECT 'c' AS t, c.message_id::text AS k1, c.shard::text AS k2 FROM messaging.message_count c
        JOIN unnest($1::bigint[], $2::int[]) AS x(m, s) ON c.message_id = x.m AND c.shard = x.s
        ORDER BY c.message_id, c.shard FOR UPDATE OF c) shards
      UNION ALL
      SELECT 1 FROM (
        SELECT b.school_code FROM delivery.school_budget b
        JOIN unnest($3::text[], $4::text[]) AS y(school, channel) ON b.school_code = y.school AND b.channel = y.channel
        WHERE b.month = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
        ORDER BY b.school_code, b.channel FOR UPDATE OF b) budgets""";

  /** The provider's breaker is open: back to the queue, flagged so the sweep may start the next step. */
  static final String HOLD = """
      UPDATE delivery.attempt a
      SET state = 'pending', next_attempt_at = now() + x.delay * interval '1 millisecond',
          last_error = x.reason, held_by_breaker = true, claimed_by = NULL, lease_until = NULL, updated_at = now()
      FROM unnest($1::bigint[], $3::bigint[], $4::text[]) AS x(id, delay, reason)
      WHERE a.id = x.id AND a.claimed_by = $2 AND a.state = 'claimed'""";

  /**
   * Recipient attempts of a channel no adapter serves in these workers (e.g. {@code zns} before Zalo is
   * configured) fail at once, so their plan moves on instead of waiting forever.
   */
  static final String FAIL_UNSERVED = """
      WITH unserved AS (
        SELECT id FROM delivery.attempt
        WHERE state = 'pending' AND recipient_message_id IS NOT NULL AND NOT (channel = ANY($1::text[]))
          AND next_attempt_at <= now()
        ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED)
      UPDATE delivery.attempt a SET state = 'failed',
        last_error = 'no_channel: the workers have no ' || a.channel || ' adapter configured', updated_at = now()
      FROM unserved WHERE a.id = unserved.id
      RETURNING a.id""";

  private final Pool pool;
  private final String workerId;
  private final long defaultZnsPriceVnd;

  /** @param defaultZnsPriceVnd the price of a ZNS message where the school set none and the adapter reported none */
  public RecipientAttempts(Pool pool, String workerId, long defaultZnsPriceVnd) {
    this.pool = pool;
    this.workerId = workerId;
    this.defaultZnsPriceVnd = defaultZnsPriceVnd;
  }

  /**
   * Writes a batch's recipient acceptances (attempt, recipient row, count shards, budgets) and its
   * attempts held by a breaker, inside the caller's transaction.
   */
  public Future<Void> record(SqlConnection tx, BatchOutcomes outcomes) {
    Future<?> held = Future.succeededFuture();
    if (!outcomes.held().isEmpty()) {
      var h = outcomes.held();
      held = tx.preparedQuery(HOLD).execute(Tuple.of(h.stream().map(BatchOutcomes.Later::id).toArray(Long[]::new),
          workerId, h.stream().map(l -> l.delay().toMillis()).toArray(Long[]::new),
          h.stream().map(BatchOutcomes.Later::reason).toArray(String[]::new)));
    }
    List<BatchOutcomes.Accepted> accepted = outcomes.recipientsAccepted();
    if (accepted.isEmpty()) {
      return held.mapEmpty();
    }
    SortedSet<List<Long>> shards = new TreeSet<>(Comparator.<List<Long>>comparingLong(k -> k.get(0))
        .thenComparingLong(k -> k.get(1)));
    SortedSet<List<String>> budgets = new TreeSet<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1)));
    for (BatchOutcomes.Accepted a : accepted) {
      var m = a.attempt().message();
      shards.add(List.of(m.messageId(), m.guardianId() % 16));
      if (m.schoolCode() != null && !"push".equals(a.attempt().channel())) {
        budgets.add(List.of(m.schoolCode(), a.attempt().channel()));
      }
    }
    Tuple locks = Tuple.of(shards.stream().map(k -> k.get(0)).toArray(Long[]::new),
        shards.stream().map(k -> k.get(1).intValue()).toArray(Integer[]::new),
        budgets.stream().map(k -> k.get(0)).toArray(String[]::new),
        budgets.stream().map(k -> k.get(1)).toArray(String[]::new));
    Tuple writes = Tuple.of(AttemptQueue.ids(accepted), workerId,
        accepted.stream().map(BatchOutcomes.Accepted::providerMessageId).toArray(String[]::new),
        accepted.stream().map(BatchOutcomes.Accepted::units).toArray(Integer[]::new),
        accepted.stream().map(BatchOutcomes.Accepted::costVnd).toArray(Long[]::new), defaultZnsPriceVnd);
    return held.compose(v -> tx.preparedQuery(LOCK_SHARED_ROWS).execute(locks))
        .compose(v -> tx.preparedQuery(ACCEPTED).execute(writes)).mapEmpty();
  }

  public Future<Integer> failUnserved(List<String> served) {
    return pool.preparedQuery(FAIL_UNSERVED).execute(Tuple.of(served.toArray(String[]::new)))
        .map(rows -> rows.rowCount());
  }
}
