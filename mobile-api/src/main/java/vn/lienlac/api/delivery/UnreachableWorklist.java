package vn.lienlac.api.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;
import vn.lienlac.messaging.privacy.PersonalData;

/**
 * {@code GET /classes/{classCode}/unreachable}: the guardians of the class's current students whom the
 * school cannot reach, for the class's homeroom teacher, the school's principal and the district's
 * officers (404 to everybody else, as for a class that does not exist). A guardian is unreachable when
 * the latest message of the school that finished its delivery to them ended {@code unreachable} (every
 * channel failed or none was possible); a later delivered message takes them off the list. Each row
 * names the student, the guardian with the phone masked, the reason (code and label) and that message.
 */
public final class UnreachableWorklist implements ApiFeature {

  static final Cursor CURSOR = Cursor.of("class-unreachable", String.class, String.class, Long.class);

  /**
   * The class when the caller may see its worklist: teachers only as its homeroom teacher, principals
   * through {@code reach_class}, district officers through {@code reach_school}. One row per guardian of
   * the page, or one row without guardian when the class is in reach and the page is empty.
   */
  private static final Reach.Query WORKLIST = Reach.query("""
      , worklist_class AS NOT MATERIALIZED (
        SELECT c.code, c.school_code FROM directory.school_class c
         WHERE c.code = $6
           AND (($1 = 'teacher' AND c.homeroom_teacher_code = $5 AND c.code IN (SELECT class_code FROM reach_class))
             OR ($1 = 'principal' AND c.code IN (SELECT class_code FROM reach_class))
             OR ($1 = 'district_officer' AND c.school_code IN (SELECT school_code FROM reach_school))))
      SELECT x.* FROM worklist_class wc
        LEFT JOIN LATERAL (
          SELECT st.national_id AS student_id, st.full_name AS student_name, g.id AS guardian_id,
                 g.full_name AS guardian_name, gs.relationship, g.phone_e164, last.message_id, last.unreachable_reason,
                 m.title, m.send_at
            FROM directory.student st
            JOIN directory.guardian_student gs ON gs.student_id = st.national_id AND gs.removed_at IS NULL
            JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
            JOIN LATERAL (
                   SELECT r.message_id, r.delivery_state, r.unreachable_reason
                     FROM messaging.recipient r
                    WHERE r.guardian_id = g.id AND r.school_code = wc.school_code
                      AND r.delivery_state IN ('delivered', 'unreachable')
                    ORDER BY r.message_id DESC LIMIT 1) last ON last.delivery_state = 'unreachable'
            JOIN messaging.message m ON m.id = last.message_id
           WHERE st.class_code = wc.code AND st.active
             AND ($7::text IS NULL OR (st.full_name, st.national_id, g.id) > ($7, $8::text, $9::bigint))
           ORDER BY st.full_name, st.national_id, g.id
           LIMIT $10) x ON true""");

  private final Pool pool;

  public UnreachableWorklist(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("listClassUnreachable").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Page.Request page;
    try {
      page = Page.request(ctx, CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    pool.preparedQuery(WORKLIST.sql(caller))
        .execute(Reach.params(caller, ctx.pathParam("classCode"), page.after(0), page.after(1), page.after(2), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 404, "not-found");
            return;
          }
          List<Row> guardians = new ArrayList<>();
          rows.forEach(r -> {
            if (r.getValue("guardian_id") != null) {
              guardians.add(r);
            }
          });
          ResourceBundle labels = labels(ctx);
          Page.answer(ctx, page, CURSOR, guardians, r -> item(r, labels),
              r -> new Object[] {r.getString("student_name"), r.getString("student_id"), r.getLong("guardian_id")});
        });
  }

  private static JsonObject item(Row r, ResourceBundle labels) {
    String reason = r.getString("unreachable_reason") == null ? "failed" : r.getString("unreachable_reason");
    OffsetDateTime sentAt = r.getOffsetDateTime("send_at");
    return new JsonObject()
        .put("student", new JsonObject().put("id", r.getString("student_id")).put("name", r.getString("student_name")))
        .put("guardian", new JsonObject().put("id", Long.toString(r.getLong("guardian_id")))
            .put("name", r.getString("guardian_name")).put("relationship", r.getString("relationship"))
            .put("phone", maskedPhone(r.getString("phone_e164"))))
        .put("reason", new JsonObject().put("code", reason).put("label", label(labels, reason)))
        .put("lastMessage", new JsonObject().put("id", Long.toString(r.getLong("message_id")))
            .put("title", r.getString("title")).put("sentAt", sentAt == null ? null : sentAt.toInstant().toString()));
  }

  /** The national form as the school knows it ({@code 09******78}), masked like every phone we show. */
  static String maskedPhone(String e164) {
    if (e164 == null) {
      return null;
    }
    return PersonalData.phone(e164.startsWith("+84") ? "0" + e164.substring(3) : e164);
  }

  private static ResourceBundle labels(RoutingContext ctx) {
    Locale locale = Problems.prefersEnglish(ctx) ? Locale.ENGLISH : Locale.forLanguageTag("vi");
    return ResourceBundle.getBundle("vn.lienlac.api.delivery.unreachable", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static String label(ResourceBundle labels, String reason) {
    try {
      return labels.getString(reason);
    } catch (MissingResourceException e) {
      return labels.getString("failed");
    }
  }
}
