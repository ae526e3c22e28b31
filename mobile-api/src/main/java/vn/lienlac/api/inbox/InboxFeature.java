package vn.lienlac.api.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;

/**
 * {@code GET /inbox}: everything addressed to a guardian (announcements and thread messages), newest
 * first, as one keyset query over {@code recipient_inbox} (guardian, message id descending) with the
 * message joined by primary key; {@code GET /inbox/summary}: unread counts per child from the same
 * index, {@code read_at} checked on each row. Messages not yet sent or expired are not shown. Staff have no inbox (404).
 */
final class InboxFeature {

  static final Cursor CURSOR = Cursor.of("inbox", Long.class);

  /**
   * The guardian's name and language and the reach gate are uncorrelated sub-selects, so the planner runs
   * them once (InitPlans) and keeps the index order for ORDER BY … LIMIT. The keyset bound is written
   * without OR so that it stays an index condition in a generic plan. The message is fetched per
   * recipient row by primary key behind an {@code OFFSET 0} fence: walking the guardian's rows in index
   * order and stopping at the page size stays the plan even when the statistics of a freshly expanded
   * table are stale (a hash join over every message cost milliseconds per request).
   */
  private static final Reach.Query LIST = Reach.query("SELECT " + InboxItems.COLUMNS + """
      ,
             (SELECT g.full_name FROM directory.guardian g WHERE g.id = $2) AS guardian_name,
             (SELECT g.language FROM directory.guardian g WHERE g.id = $2) AS guardian_language
        FROM messaging.recipient r
        CROSS JOIN LATERAL (SELECT * FROM messaging.message m WHERE m.id = r.message_id OFFSET 0) m
       WHERE r.guardian_id = $2
         AND EXISTS (SELECT 1 FROM reach_guardian)
         AND r.message_id < coalesce($6::bigint, 9223372036854775807)
         AND ($7::text IS NULL OR $7 = ANY (r.student_ids))
         AND (NOT $8::boolean OR r.read_at IS NULL)
         AND (NOT $9::boolean OR m.require_ack)
         AND m.send_at <= $10 AND (m.expires_at IS NULL OR m.expires_at > $10)
         AND m.status <> 'scheduled'
       ORDER BY r.message_id DESC
       LIMIT $11""");

  /** Whether the {@code student} filter names one of the guardian's children (departed ones included). */
  private static final Reach.Query OWN_CHILD = Reach.query("""
      SELECT 1 FROM reach_student rs WHERE rs.student_id = $6""");

  /**
   * Unread counts per child: the guardian's rows come from {@code recipient_inbox} (a few hundred a
   * school year; no index of their own, which would cost every expansion), the unread ones joined by primary key to its message to leave out what is expired,
   * recalled or not yet sent. A message about two children counts for each; {@code total} counts it once.
   */
  private static final Reach.Query SUMMARY = Reach.query("""
      , unread AS (
        SELECT r.message_id, r.student_ids
          FROM messaging.recipient r
          JOIN messaging.message m ON m.id = r.message_id
         WHERE r.guardian_id = $2 AND r.read_at IS NULL
           AND m.send_at <= $6 AND (m.expires_at IS NULL OR m.expires_at > $6)
           AND m.status NOT IN ('scheduled', 'recalled'))
      SELECT rs.student_id, s.full_name, rs.current,
             (SELECT count(*) FROM unread u WHERE rs.student_id = ANY (u.student_ids)) AS unread,
             (SELECT count(*) FROM unread) AS total
        FROM reach_student rs
        JOIN directory.student s ON s.national_id = rs.student_id
       ORDER BY rs.current DESC, s.full_name, rs.student_id""");

  private final Pool pool;
  private final Clock clock;

  InboxFeature(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  void mount(RouterBuilder contract) {
    contract.getRoute("listInbox").addHandler(this::list);
    contract.getRoute("getInboxSummary").addHandler(this::summary);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.isGuardian()) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Page.Request page;
    try {
      page = Page.request(ctx, CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    String student = ctx.queryParams().get("student");
    boolean unread = "true".equals(ctx.queryParams().get("unread"));
    boolean requiresAck = "true".equals(ctx.queryParams().get("requiresAck"));
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    var childChecked = student == null ? io.vertx.core.Future.succeededFuture(true)
        : pool.preparedQuery(OWN_CHILD.sql(caller)).execute(Reach.params(caller, student)).map(rows -> rows.size() > 0);
    childChecked.compose(own -> {
      if (!own) {
        Problems.send(ctx, 404, "not-found");
        return io.vertx.core.Future.succeededFuture();
      }
      return pool.preparedQuery(LIST.sql(caller))
          .execute(Reach.params(caller, page.after(0), student, unread, requiresAck, now, page.fetch()))
          .map(rows -> {
            List<Row> fetched = new ArrayList<>(rows.size());
            rows.forEach(fetched::add);
            Page.answer(ctx, page, CURSOR, fetched,
                r -> InboxItems.item(r, r.getString("guardian_language"), r.getString("guardian_name")),
                r -> new Object[] {r.getLong("message_id")});
            return null;
          });
    }).onFailure(ctx::fail);
  }

  private void summary(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.isGuardian()) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    pool.preparedQuery(SUMMARY.sql(caller)).execute(Reach.params(caller, now))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          JsonArray students = new JsonArray();
          long total = 0;
          for (Row r : rows) {
            total = r.getLong("total");
            students.add(new JsonObject().put("id", r.getString("student_id")).put("name", r.getString("full_name"))
                .put("current", r.getBoolean("current")).put("unread", r.getLong("unread")));
          }
          ctx.json(new JsonObject().put("unread", total).put("students", students));
        });
  }
}
