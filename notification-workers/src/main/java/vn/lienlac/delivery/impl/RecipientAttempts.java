package vn.lienlac.delivery.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;

/**
 * The writes particular to attempts that deliver a message to a guardian: an acceptance also marks
 * the recipient row delivered, counts it in its shard of messaging.message_count and charges the
 * school's budget, all in one statement (so in one transaction) with the attempt's own change.
 */
public final class RecipientAttempts {

  static final String ACCEPTED = """
      WITH a AS (
        UPDATE delivery.attempt
        SET state = 'accepted', provider_message_id = coalesce($3, provider_message_id),
            segments = CASE WHEN channel = 'push' THEN NULL ELSE $4 END,
            devices_reached = CASE WHEN channel = 'push' THEN $4 END,
            cost_vnd = CASE WHEN channel = 'zns' AND $5 = 0
                            THEN coalesce((SELECT p.zns_price_vnd FROM delivery.school_policy p
                                           WHERE p.school_code = delivery.attempt.school_code), $6)
                            ELSE $5 END,
            last_error = NULL, lease_until = NULL, held_by_breaker = false,
            accepted_at = now(), updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND state IN ('sending', 'unknown')
        RETURNING recipient_message_id, recipient_guardian_id, channel, school_code, cost_vnd),
      r AS (
        UPDATE messaging.recipient r
        SET delivery_state = 'delivered', delivery_channel = a.channel, delivered_at = now(), unreachable_reason = NULL
        FROM a
        WHERE r.message_id = a.recipient_message_id AND r.guardian_id = a.recipient_guardian_id
          AND r.delivery_state IN ('pending', 'sending')
        RETURNING r.message_id, r.guardian_id),
      c AS (
        UPDATE messaging.message_count c SET delivered = c.delivered + 1
        FROM r WHERE c.message_id = r.message_id AND c.shard = r.guardian_id % 16
        RETURNING 1),
      b AS (
        UPDATE delivery.school_budget b SET spent_vnd = b.spent_vnd + a.cost_vnd,
            exhausted_at = CASE WHEN b.spent_vnd + a.cost_vnd >= b.limit_vnd THEN coalesce(b.exhausted_at, now()) END
        FROM a
        WHERE a.cost_vnd > 0 AND b.school_code = a.school_code AND b.channel = a.channel
          AND b.month = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
        RETURNING 1)
      SELECT count(*) FROM a""";

  /** The provider's breaker is open: back to the queue, flagged so the sweep may start the next step. */
  static final String HOLD = """
      UPDATE delivery.attempt
      SET state = 'pending', next_attempt_at = now() + $3::bigint * interval '1 millisecond',
          last_error = $4, held_by_breaker = true, claimed_by = NULL, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND claimed_by = $2 AND state = 'claimed'""";

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

  /** @param units SMS segments, or devices reached for push */
  public Future<Boolean> accepted(long id, String providerMessageId, int units, long costVnd) {
    return pool.preparedQuery(ACCEPTED).execute(Tuple.of(id, workerId, providerMessageId, units, costVnd, defaultZnsPriceVnd))
        .map(rows -> rows.iterator().next().getLong(0) == 1);
  }

  public Future<Boolean> holdByBreaker(long id, Duration until, String reason) {
    return pool.preparedQuery(HOLD).execute(Tuple.of(id, workerId, until.toMillis(), reason))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Integer> failUnserved(List<String> served) {
    return pool.preparedQuery(FAIL_UNSERVED).execute(Tuple.of(served.toArray(String[]::new)))
        .map(rows -> rows.rowCount());
  }
}
