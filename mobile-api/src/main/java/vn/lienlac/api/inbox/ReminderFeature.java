package vn.lienlac.api.inbox;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.messaging.inbox.Reminders;

/**
 * {@code POST /messages/{id}/reminders} {@code {"to":"unread"|"unacked"}}: the sender of an announcement
 * reminds exactly those recipients who have not read (acknowledged) it yet. The reminder is a message
 * of its own ({@link Reminders}), audited in the same transaction; a retry with the same
 * {@code Idempotency-Key} finds the reminder already made (also kept as the message's idempotency key).
 * Anybody but the sender: 404.
 */
final class ReminderFeature {

  private static final String UNIQUE_VIOLATION = "23505";

  static final String ORIGINAL = """
      SELECT id, status, require_ack, send_at, expires_at, school_code
        FROM messaging.message
       WHERE id = $1 AND sender_subject = $2 AND kind = 'announcement'""";
  static final String EARLIER = """
      SELECT m.id, m.reminder_of,
             (SELECT coalesce(sum(c.recipients), 0) FROM messaging.message_count c WHERE c.message_id = m.id)::bigint AS recipients
        FROM messaging.message m
       WHERE m.sender_subject = $1 AND m.idempotency_key = $2 AND m.reminder_of = $3""";

  private final Pool pool;
  private final Clock clock;
  private final AuditLog audit;
  private final RecipientEvents recipients;

  ReminderFeature(Pool pool, Clock clock, AuditLog audit, RecipientEvents recipients) {
    this.pool = pool;
    this.clock = clock;
    this.audit = audit;
    this.recipients = recipients;
  }

  void mount(RouterBuilder contract) {
    contract.getRoute("remindMessage").addHandler(this::remind);
  }

  private void remind(RoutingContext ctx) {
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    String to = ctx.body().asJsonObject().getString("to");
    Reminders.Audience audience = Reminders.Audience.of(to);
    Caller caller = Caller.of(ctx);
    String key = ctx.request().getHeader("Idempotency-Key");
    Instant now = clock.instant();
    pool.withTransaction(tx -> tx.preparedQuery(ORIGINAL).execute(Tuple.of(id, caller.subject())).compose(rows -> {
      Row m = remindable(rows.size() == 0 ? null : rows.iterator().next(), audience, now);
      return Reminders.create(tx, id, audience, now, key).compose(reminder -> {
        if (reminder.recipients() == 0) {
          throw new Refused(409, "nobody-to-remind", new JsonObject().put("to", to));
        }
        AuditEntry entry = AuditEntry.of(AuditActor.of(ctx), "message.reminder_sent", "message",
            String.valueOf(reminder.id())).change(null, new JsonObject().put("reminderOf", id).put("to", to)
            .put("recipients", reminder.recipients()));
        return audit.record(tx, m.getString("school_code") == null ? entry : entry.atSchool(m.getString("school_code")))
            .map(v -> reminder);
      });
    })).onSuccess(reminder -> {
      answer(ctx, reminder.id(), id, to, reminder.recipients());
      recipients.publishToAll(reminder.id(), new JsonObject().put("messageId", reminder.id()).put("reminderOf", id));
    }).onFailure(e -> {
      if (e instanceof Refused) {
        Refused.answer(ctx, e);
      } else if (key != null && e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        replay(ctx, caller, key, id, to);
      } else {
        ctx.fail(e);
      }
    });
  }

  /** A reminder already made with this key (a retry racing the first): the same answer again. */
  private void replay(RoutingContext ctx, Caller caller, String key, long original, String to) {
    pool.preparedQuery(EARLIER).execute(Tuple.of(caller.subject(), key, original)).onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 409, "idempotency-key-reused");
          } else {
            Row r = rows.iterator().next();
            answer(ctx, r.getLong("id"), original, to, r.getLong("recipients"));
          }
        });
  }

  private static Row remindable(Row m, Reminders.Audience audience, Instant now) {
    if (m == null) {
      throw Refused.notFound();
    }
    if (audience == Reminders.Audience.UNACKED && !m.getBoolean("require_ack")) {
      throw Refused.invalid("to", "unacked needs a message that asks for acknowledgement");
    }
    String status = m.getString("status");
    String reason = "recalled".equals(status) ? "recalled"
        : "scheduled".equals(status) || "expanding".equals(status) || m.getOffsetDateTime("send_at").toInstant().isAfter(now) ? "not_sent"
        : m.getOffsetDateTime("expires_at") != null && !m.getOffsetDateTime("expires_at").toInstant().isAfter(now) ? "expired"
        : null;
    if (reason != null) {
      throw new Refused(409, "reminder-not-possible", new JsonObject().put("reason", reason));
    }
    return m;
  }

  private static void answer(RoutingContext ctx, long id, long original, String to, long recipients) {
    ctx.response().setStatusCode(201);
    ctx.json(new JsonObject().put("id", id).put("reminderOf", original).put("to", to).put("recipients", recipients));
  }
}
