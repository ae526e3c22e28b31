package vn.lienlac.api.inbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.messaging.template.TemplateProblem;
import vn.lienlac.messaging.template.TemplateText;
import vn.lienlac.messaging.template.TemplateVariables;

/**
 * {@code PATCH /messages/{id}} (title, body, attachments) and {@code POST /messages/{id}/recall}: only by
 * the sender, only within {@link #WINDOW} of sending (409 {@code edit-window-passed} after). The message
 * row changes in place and the audit entry of the same transaction keeps what it said before. Recipients
 * are then told ({@code message.created} with {@code edited} or {@code recalled}) by {@link RecipientEvents},
 * after the commit.
 */
final class SenderChanges {

  static final Duration WINDOW = Duration.ofMinutes(15);

  static final String LOCK = """
      SELECT id, title, body, title_en, body_en, attachments, template_key, template_variables, status, send_at,
             school_code
        FROM messaging.message
       WHERE id = $1 AND sender_subject = $2
         FOR UPDATE""";
  static final String EDIT = """
      UPDATE messaging.message
         SET title = $2, body = $3, attachments = $4, title_en = $5, body_en = $6, edited_at = $7
       WHERE id = $1""";
  static final String RECALL = """
      UPDATE messaging.message SET status = 'recalled', recalled_at = $2 WHERE id = $1""";

  private final Pool pool;
  private final Clock clock;
  private final AuditLog audit;
  private final RecipientEvents recipients;

  SenderChanges(Pool pool, Clock clock, AuditLog audit, RecipientEvents recipients) {
    this.pool = pool;
    this.clock = clock;
    this.audit = audit;
    this.recipients = recipients;
  }

  void mount(RouterBuilder contract) {
    contract.getRoute("editMessage").addHandler(this::edit);
    contract.getRoute("recallMessage").addHandler(this::recall);
  }

  private void edit(RoutingContext ctx) {
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    JsonObject patch = ctx.body().asJsonObject();
    Instant now = clock.instant();
    pool.withTransaction(tx -> changeable(tx, ctx, id, now).compose(m -> {
      JsonObject before = content(m);
      boolean textChanged = patch.containsKey("title") || patch.containsKey("body");
      String title = patch.containsKey("title") ? patch.getString("title") : m.getString("title");
      String body = patch.containsKey("body") ? patch.getString("body") : m.getString("body");
      JsonArray attachments = patch.containsKey("attachments") ? patch.getJsonArray("attachments")
          : (JsonArray) m.getValue("attachments");
      if (m.getString("template_key") != null) {
        checkTemplated(title, body, (JsonObject) m.getValue("template_variables"));
      }
      // The English text no longer says what the edited Vietnamese says: English readers get the edit.
      String titleEn = textChanged ? null : m.getString("title_en");
      String bodyEn = textChanged ? null : m.getString("body_en");
      JsonObject after = new JsonObject().put("title", title).put("body", body).put("attachments", attachments)
          .put("titleEn", titleEn).put("bodyEn", bodyEn);
      return tx.preparedQuery(EDIT).execute(Tuple.of(id, title, body, attachments, titleEn, bodyEn,
              OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
          .compose(v -> audit.record(tx, entry(ctx, "message.edited", id, m).change(before, after)))
          .map(v -> after.put("id", id).put("edited", true).put("editedAt", now.toString()));
    })).onSuccess(after -> {
      ctx.json(after);
      recipients.publishToAll(id, new JsonObject().put("messageId", id).put("edited", true)
          .put("editedAt", now.toString()));
    }).onFailure(e -> Refused.answer(ctx, e));
  }

  private void recall(RoutingContext ctx) {
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Instant now = clock.instant();
    pool.withTransaction(tx -> changeable(tx, ctx, id, now).compose(m -> {
      JsonObject before = content(m).put("status", m.getString("status"));
      JsonObject after = new JsonObject().put("status", "recalled").put("recalledAt", now.toString());
      return tx.preparedQuery(RECALL).execute(Tuple.of(id, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
          .compose(v -> audit.record(tx, entry(ctx, "message.recalled", id, m).change(before, after)))
          .map(v -> after.copy().put("id", id).put("recalled", true));
    })).onSuccess(after -> {
      ctx.json(after);
      recipients.publishToAll(id, new JsonObject().put("messageId", id).put("recalled", true)
          .put("recalledAt", now.toString()));
    }).onFailure(e -> Refused.answer(ctx, e));
  }

  /** The caller's own message, locked, if it may still be changed. */
  private Future<Row> changeable(SqlConnection tx, RoutingContext ctx, long id, Instant now) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id, Caller.of(ctx).subject())).map(rows -> {
      if (rows.size() == 0) {
        throw Refused.notFound();
      }
      Row m = rows.iterator().next();
      if ("recalled".equals(m.getString("status"))) {
        throw new Refused(409, "message-recalled", null);
      }
      Instant sent = m.getOffsetDateTime("send_at").toInstant();
      if (now.isAfter(sent.plus(WINDOW))) {
        throw new Refused(409, "edit-window-passed", new JsonObject()
            .put("windowMinutes", WINDOW.toMinutes()).put("sentAt", sent.toString()));
      }
      return m;
    });
  }

  /** A templated message keeps its placeholders: they must be known, and the sender's values must cover them. */
  private static void checkTemplated(String title, String body, JsonObject senderValues) {
    String[][] fields = {{"title", title}, {"body", body}};
    for (String[] f : fields) {
      if (f[1] == null) {
        continue;
      }
      try {
        for (String v : TemplateText.variables(f[1])) {
          if (TemplateVariables.FROM_SENDER.contains(v) && (senderValues == null || !senderValues.containsKey(v))) {
            throw new TemplateProblem(TemplateProblem.Kind.MISSING_VARIABLE, v);
          }
        }
      } catch (TemplateProblem p) {
        throw Refused.invalid(f[0], p.getMessage());
      }
    }
  }

  private static JsonObject content(Row m) {
    return new JsonObject().put("title", m.getString("title")).put("body", m.getString("body"))
        .put("attachments", m.getValue("attachments"))
        .put("titleEn", m.getString("title_en")).put("bodyEn", m.getString("body_en"));
  }

  private static AuditEntry entry(RoutingContext ctx, String action, long id, Row m) {
    AuditEntry e = AuditEntry.of(AuditActor.of(ctx), action, "message", String.valueOf(id));
    return m.getString("school_code") == null ? e : e.atSchool(m.getString("school_code"));
  }
}
