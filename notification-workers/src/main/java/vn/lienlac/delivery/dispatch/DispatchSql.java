package vn.lienlac.delivery.dispatch;

/** The statements of the message dispatcher, in one place. */
final class DispatchSql {

  private DispatchSql() {}

  /** The next queued message, locked for one chunk (another dispatcher takes the next chunk after commit). */
  static final String NEXT_QUEUED = """
      SELECT m.id, m.priority, m.school_code, coalesce(d.after_guardian, -1)
      FROM messaging.message m LEFT JOIN delivery.message_dispatch d ON d.message_id = m.id
      WHERE m.status = 'queued' AND m.send_at <= now()
      ORDER BY m.id LIMIT 1
      FOR UPDATE OF m SKIP LOCKED""";

  static final String CHUNK = """
      SELECT r.guardian_id, p.channels, p.quiet_from, p.quiet_until
      FROM messaging.recipient r LEFT JOIN delivery.guardian_preference p ON p.guardian_id = r.guardian_id
      WHERE r.message_id = $1 AND r.guardian_id > $2
      ORDER BY r.guardian_id LIMIT $3""";

  /** Exactly once per (recipient, channel): a replayed chunk inserts nothing twice. */
  static final String INSERT_ATTEMPTS = """
      INSERT INTO delivery.attempt (recipient_message_id, recipient_guardian_id, channel, plan_step, priority,
                                    next_attempt_at, school_code, queued_at)
      SELECT $1, x.g, x.ch, x.st::smallint, $5, to_timestamp(x.nb / 1000.0), $6, now()
      FROM unnest($2::bigint[], $3::text[], $4::int[], $7::bigint[]) AS x(g, ch, st, nb)
      ON CONFLICT (recipient_message_id, recipient_guardian_id, channel) WHERE recipient_message_id IS NOT NULL
      DO NOTHING""";

  static final String MARK_SENDING = """
      UPDATE messaging.recipient SET delivery_state = 'sending'
      WHERE message_id = $1 AND guardian_id = ANY($2::bigint[]) AND delivery_state = 'pending'""";

  /** Unreachable recipients, counted in their shards, in one statement. */
  static final String MARK_UNREACHABLE = """
      WITH u AS (
        UPDATE messaging.recipient r SET delivery_state = 'unreachable', unreachable_reason = x.reason
        FROM unnest($2::bigint[], $3::text[]) AS x(g, reason)
        WHERE r.message_id = $1 AND r.guardian_id = x.g AND r.delivery_state IN ('pending', 'sending')
        RETURNING r.guardian_id),
      c AS (
        UPDATE messaging.message_count c SET unreachable = c.unreachable + n.cnt
        FROM (SELECT guardian_id % 16 AS shard, count(*) AS cnt FROM u GROUP BY 1) n
        WHERE c.message_id = $1 AND c.shard = n.shard
        RETURNING 1)
      SELECT count(*) FROM u""";

  static final String SAVE_POSITION = """
      INSERT INTO delivery.message_dispatch (message_id, after_guardian, finished_at)
      VALUES ($1, $2, CASE WHEN $3 THEN now() END)
      ON CONFLICT (message_id) DO UPDATE SET after_guardian = EXCLUDED.after_guardian,
        finished_at = EXCLUDED.finished_at""";

  static final String START_SENDING = "UPDATE messaging.message SET status = 'sending' WHERE id = $1 AND status = 'queued'";

  static final String WAKE_WORKERS = "SELECT pg_notify('delivery_due', '')";

  static final String SENDING_MESSAGES = """
      SELECT id, priority, school_code, require_ack, sender_subject FROM messaging.message
      WHERE status = 'sending' ORDER BY id LIMIT 100""";

  /**
   * Recipients with an attempt the sweep has not seen as it is now (see the step_sweep migration): a
   * failure not seen yet, a hold by a provider's open breaker, or the fallback delay over. Read through
   * two partial indexes, so a sweep costs what changed, not the backlog.
   *
   * <p>Per recipient: whether it still waits, its latest plan step, whether every attempt of every step
   * failed (a recipient becomes unreachable only then: an earlier step may still deliver), whether the
   * latest step is over (every attempt of it failed, or one is held back, or it delivered nowhere
   * within the fallback delay), the last failure, the preference, and every attempt (id, step, state)
   * for {@link #MARK_SWEPT}.
   */
  static final String STEP_OVER = """
      WITH due AS (
        SELECT DISTINCT g FROM (
          SELECT a.recipient_guardian_id AS g FROM delivery.attempt a
          WHERE a.recipient_message_id = $1
            AND ((a.state IN ('failed', 'unknown') AND a.swept_as IS DISTINCT FROM a.state)
                 OR (a.held_by_breaker AND a.swept_as IS NULL))
          UNION ALL
          SELECT a.recipient_guardian_id FROM delivery.attempt a
          WHERE a.recipient_message_id = $1 AND a.swept_as IS NULL AND a.state NOT IN ('accepted', 'delivered')
            AND a.created_at < now() - $2::bigint * interval '1 millisecond') c
        ORDER BY g LIMIT $3),
      seen AS (
        SELECT a.recipient_guardian_id AS g, a.plan_step, a.state, a.held_by_breaker, a.created_at, a.last_error, a.id,
               r.delivery_state IN ('pending', 'sending') AS waiting,
               max(a.plan_step) OVER w AS step, bool_and(a.state IN ('failed', 'unknown')) OVER w AS everything_failed
        FROM due JOIN messaging.recipient r ON r.message_id = $1 AND r.guardian_id = due.g
        JOIN delivery.attempt a ON a.recipient_message_id = r.message_id AND a.recipient_guardian_id = r.guardian_id
        WINDOW w AS (PARTITION BY a.recipient_guardian_id))
      SELECT o.g, o.step, o.everything_failed,
             (array_agg(o.last_error ORDER BY o.id DESC) FILTER (WHERE o.plan_step = o.step))[1] AS last_error,
             p.channels, p.quiet_from, p.quiet_until,
             bool_and(o.waiting) AS waiting,
             bool_and(o.state IN ('failed', 'unknown')) FILTER (WHERE o.plan_step = o.step)
               OR bool_or(o.held_by_breaker) FILTER (WHERE o.plan_step = o.step)
               OR min(o.created_at) FILTER (WHERE o.plan_step = o.step) < now() - $2::bigint * interval '1 millisecond'
               AS over,
             array_agg(o.id ORDER BY o.id), array_agg(o.plan_step::int ORDER BY o.id), array_agg(o.state ORDER BY o.id)
      FROM seen o LEFT JOIN delivery.guardian_preference p ON p.guardian_id = o.g
      GROUP BY o.g, o.step, o.everything_failed, p.channels, p.quiet_from, p.quiet_until
      ORDER BY o.everything_failed DESC, o.g""";

  /**
   * What the sweep saw of each attempt, kept only where the attempt still looks the same: one that
   * failed or was held meanwhile stays due for the next round.
   */
  static final String MARK_SWEPT = """
      UPDATE delivery.attempt a SET swept_as = x.mark
      FROM unnest($1::bigint[], $2::text[]) AS x(id, mark)
      WHERE a.id = x.id AND (CASE WHEN a.state IN ('failed', 'unknown') THEN a.state ELSE 'open' END) = x.mark
        AND a.swept_as IS DISTINCT FROM x.mark""";

  /** Delivered, not acknowledged after the reminder delay, and not reminded yet (no later step). */
  static final String ACK_OVERDUE = """
      SELECT r.guardian_id, max(a.plan_step), p.channels, p.quiet_from, p.quiet_until
      FROM messaging.recipient r
      JOIN delivery.attempt a ON a.recipient_message_id = r.message_id AND a.recipient_guardian_id = r.guardian_id
      LEFT JOIN delivery.guardian_preference p ON p.guardian_id = r.guardian_id
      WHERE r.message_id = $1 AND r.delivery_state = 'delivered' AND r.acked_at IS NULL
        AND r.delivered_at < now() - $2::bigint * interval '1 millisecond'
      GROUP BY r.guardian_id, p.channels, p.quiet_from, p.quiet_until
      HAVING bool_and(a.state IN ('accepted', 'delivered', 'failed', 'unknown'))
         AND max(a.plan_step) = max(a.plan_step) FILTER (WHERE a.state IN ('accepted', 'delivered'))
      ORDER BY r.guardian_id LIMIT $3""";

  /** Done when no recipient waits any more; the counts for the sender's event come back. */
  static final String FINISH = """
      UPDATE messaging.message m SET status = 'done'
      WHERE m.id = $1 AND m.status = 'sending'
        AND NOT EXISTS (SELECT 1 FROM messaging.recipient r
                        WHERE r.message_id = m.id AND r.delivery_state IN ('pending', 'sending'))
      RETURNING m.id""";

  static final String COUNTS = """
      SELECT coalesce(sum(recipients), 0), coalesce(sum(delivered), 0), coalesce(sum(unreachable), 0),
             coalesce(sum(read), 0), coalesce(sum(acked), 0)
      FROM messaging.message_count WHERE message_id = $1""";

  /** Budgets that crossed 80% this month and were not warned about yet (once per school, month, channel). */
  static final String BUDGETS_TO_WARN = """
      UPDATE delivery.school_budget SET warned_at = now()
      WHERE warned_at IS NULL AND spent_vnd * 100 >= limit_vnd * 80
        AND month = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
      RETURNING school_code, channel, limit_vnd, spent_vnd""";

  /** The school's principals read from the api schema's staff accounts (same database). */
  static final String PRINCIPALS = """
      SELECT id FROM api.staff_account
      WHERE role = 'principal' AND school_code = $1 AND disabled_at IS NULL ORDER BY id""";
}
