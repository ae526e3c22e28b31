package vn.lienlac.api.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.messaging.template.RecipientContext;
import vn.lienlac.messaging.template.TemplateProblem;
import vn.lienlac.messaging.template.TemplateTexts;

/**
 * {@code POST /templates/{id}/preview} {@code {"studentId", "values"}}: the template as each guardian of
 * one student would read it, in that guardian's language, with the values the sender would give. The
 * student must be in the caller's reach and of the template's school; a variable without a value is a
 * 400 naming {@code values.<variable>}.
 */
final class TemplatePreview {

  /** The student's standing guardians with what their rendering needs. */
  private static final Reach.Query READERS = Reach.query("""
      SELECT g.id AS guardian_id, g.full_name AS guardian_name, g.language, s.full_name AS student_name,
             c.name AS class_name, sc.name AS school_name
        FROM reach_student rs
        JOIN directory.student s ON s.national_id = rs.student_id
        LEFT JOIN directory.school_class c ON c.code = s.class_code
        LEFT JOIN directory.school sc ON sc.code = rs.school_code
        JOIN directory.guardian_student gs ON gs.student_id = rs.student_id AND gs.removed_at IS NULL
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
       WHERE rs.student_id = $6 AND rs.school_code = $3
       ORDER BY gs.primary_contact DESC, g.id""");

  private final Pool pool;

  TemplatePreview(Pool pool) {
    this.pool = pool;
  }

  void mount(RouterBuilder contract) {
    contract.getRoute("previewTemplate").addHandler(this::preview);
  }

  private void preview(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null || !TemplatesFeature.readsTemplates(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    JsonObject in = ctx.body().asJsonObject();
    JsonObject given = in.getJsonObject("values", new JsonObject());
    Map<String, Object> values = given.getMap();
    try {
      TemplateTexts.checkSenderValues(values);
    } catch (TemplateProblem p) {
      Refused.answer(ctx, Refused.invalid("values." + p.detail(), p.getMessage()));
      return;
    }
    pool.preparedQuery(TemplatesFeature.ONE.sql(caller)).execute(Reach.params(caller, id))
        .compose(templates -> pool.preparedQuery(READERS.sql(caller)).execute(Reach.params(caller, in.getString("studentId")))
            .map(readers -> {
              if (templates.size() == 0 || readers.size() == 0) {
                throw Refused.notFound();
              }
              Row t = templates.iterator().next();
              TemplateTexts texts = new TemplateTexts(t.getString("title_vi"), t.getString("body_vi"),
                  t.getString("title_en"), t.getString("body_en"));
              JsonArray items = new JsonArray();
              for (Row g : readers) {
                RecipientContext who = new RecipientContext(List.of(g.getString("student_name")),
                    g.getString("class_name") == null ? List.of() : List.of(g.getString("class_name")),
                    g.getString("school_name"), g.getString("guardian_name"));
                try {
                  TemplateTexts.Rendered r = texts.render(g.getString("language"), who, values);
                  items.add(new JsonObject().put("guardianId", g.getLong("guardian_id"))
                      .put("guardianName", g.getString("guardian_name")).put("language", r.language())
                      .put("title", r.title()).put("body", r.body()));
                } catch (TemplateProblem p) {
                  throw Refused.invalid("values." + p.detail(), p.getMessage());
                }
              }
              return new JsonObject().put("templateId", id).put("studentId", in.getString("studentId"))
                  .put("items", items);
            }))
        .onSuccess(ctx::json)
        .onFailure(e -> Refused.answer(ctx, e));
  }
}
