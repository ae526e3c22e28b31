package vn.lienlac.api.messages;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;

/**
 * The sender's views: an announcement with its status, counts (the sum of its 16 count shards, never
 * a scan of its recipients) and expansion progress; the list of announcements sent; and exactly who
 * was included, with delivery, read and acknowledgement state. An announcement is visible to its
 * sender, the principal of its school and the officers of its district ({@code reach_overseen});
 * to everybody else it does not exist (404).
 */
final class SentMessages {

  static final Cursor LIST_CURSOR = Cursor.of("sent-messages", Long.class);
  static final Cursor RECIPIENT_CURSOR = Cursor.of("message-recipients", Long.class);

  private static final String MESSAGE_JSON = """
      json_build_object(
        'id', m.id, 'status', m.status, 'title', m.title, 'body', m.body, 'attachments', m.attachments,
        'priority', m.priority, 'requireAck', m.require_ack, 'sendAt', m.send_at, 'expiresAt', m.expires_at,
        'createdAt', m.created_at, 'sender', m.sender_subject, 'schoolCode', m.school_code,
        'audience', (SELECT coalesce(json_agg(json_build_object('type', a.scope, 'value', a.value) ORDER BY a.position), '[]')
                       FROM messaging.message_audience a WHERE a.message_id = m.id),
        'counts', (SELECT json_build_object('recipients', coalesce(sum(c.recipients), 0),
                            'delivered', coalesce(sum(c.delivered), 0), 'read', coalesce(sum(c.read), 0),
                            'acked', coalesce(sum(c.acked), 0), 'unreachable', coalesce(sum(c.unreachable), 0))
                     FROM messaging.message_count c WHERE c.message_id = m.id),
        'progress', (SELECT json_build_object('chunksDone', e.chunks_done, 'finished', e.finished_at IS NOT NULL)
                       FROM messaging.message_expansion e WHERE e.message_id = m.id))""";

  private static final Reach.Query DETAIL = Reach.query("""
      SELECT %s AS message
        FROM messaging.message m
       WHERE m.id = $6 AND m.kind = 'announcement' AND (m.sender_subject = $7 OR reach_overseen(m))"""
      .formatted(MESSAGE_JSON));

  private static final Reach.Query LIST = Reach.query("""
      SELECT m.id, %s AS message
        FROM messaging.message m
       WHERE m.kind = 'announcement' AND (m.sender_subject = $6 OR reach_overseen(m))
         AND ($7::bigint IS NULL OR m.id < $7)
       ORDER BY m.id DESC
       LIMIT $8""".formatted(MESSAGE_JSON));

  /** One row per recipient of the page, or one row without recipient when the message is visible but the page empty. */
  private static final Reach.Query RECIPIENTS = Reach.query("""
      SELECT r.guardian_id, g.full_name, r.delivery_state, r.delivered_at, r.read_at, r.acked_at,
             (SELECT coalesce(json_agg(json_build_object('id', s.national_id, 'name', s.full_name)
                                       ORDER BY s.national_id), '[]')
                FROM directory.student s WHERE s.national_id = ANY (r.student_ids)) AS children
        FROM messaging.message m
        LEFT JOIN LATERAL (
               SELECT x.* FROM messaging.recipient x
                WHERE x.message_id = m.id AND x.guardian_id > coalesce($8::bigint, -1)
                  AND ($9 = 'all' OR ($9 = 'unread' AND x.read_at IS NULL)
                       OR ($9 = 'unacked' AND x.acked_at IS NULL)
                       OR ($9 = 'unreachable' AND x.delivery_state = 'unreachable'))
                ORDER BY x.guardian_id
                LIMIT $10) r ON true
        LEFT JOIN directory.guardian g ON g.id = r.guardian_id
       WHERE m.id = $6 AND m.kind = 'announcement' AND (m.sender_subject = $7 OR reach_overseen(m))
       ORDER BY r.guardian_id""");

  private final Pool pool;

  SentMessages(Pool pool) {
    this.pool = pool;
  }

  void detail(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(DETAIL.sql(caller)).execute(Reach.params(caller, messageId(ctx), caller.subject()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 404, "not-found");
          } else {
            ctx.json(rows.iterator().next().getValue("message"));
          }
        });
  }

  /** Staff who send announcements have a list; for everyone else it does not exist. */
  void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.isGuardian() || caller.is(StaffRole.ACCOUNTANT)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Page.Request page;
    try {
      page = Page.request(ctx, LIST_CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    pool.preparedQuery(LIST.sql(caller)).execute(Reach.params(caller, caller.subject(), page.after(0), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          Page.answer(ctx, page, LIST_CURSOR, list, r -> r.getValue("message"), r -> new Object[] {r.getLong("id")});
        });
  }

  void recipients(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Page.Request page;
    try {
      page = Page.request(ctx, RECIPIENT_CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    String filter = ctx.queryParams().get("filter") == null ? "all" : ctx.queryParams().get("filter");
    pool.preparedQuery(RECIPIENTS.sql(caller))
        .execute(Reach.params(caller, messageId(ctx), caller.subject(), page.after(0), filter, page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 404, "not-found");
            return;
          }
          List<Row> recipients = new ArrayList<>();
          rows.forEach(r -> {
            if (r.getLong("guardian_id") != null) {
              recipients.add(r);
            }
          });
          Page.answer(ctx, page, RECIPIENT_CURSOR, recipients, SentMessages::recipient,
              r -> new Object[] {r.getLong("guardian_id")});
        });
  }

  private static JsonObject recipient(Row r) {
    return new JsonObject()
        .put("guardianId", r.getLong("guardian_id"))
        .put("name", r.getString("full_name"))
        .put("children", r.getValue("children"))
        .put("delivery", r.getString("delivery_state"))
        .put("deliveredAt", text(r, "delivered_at"))
        .put("readAt", text(r, "read_at"))
        .put("ackedAt", text(r, "acked_at"));
  }

  private static String text(Row r, String column) {
    var t = r.getOffsetDateTime(column);
    return t == null ? null : t.toString();
  }

  private static long messageId(RoutingContext ctx) {
    return Long.parseLong(ctx.pathParam("id"));
  }
}
