package vn.lienlac.api.directory;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;

/**
 * {@code GET /classes/{classCode}} (the class, its homeroom teacher and subject teachers) and
 * {@code GET /classes/{classCode}/students} (its current students, by name, each with their guardians
 * and whether the school can reach each guardian's phone), for whoever has the class in
 * {@code reach_class}; 404 to everybody else.
 */
public final class ClassViews implements ApiFeature {

  static final Cursor ROSTER_CURSOR = Cursor.of("class-roster", String.class, String.class);

  private static final Reach.Query CLASS = Reach.query("""
      SELECT json_build_object(
               'code', c.code, 'name', c.name, 'grade', c.grade, 'schoolYear', c.school_year,
               'school', json_build_object('code', sc.code, 'name', sc.name),
               'homeroomTeacher', CASE WHEN t.code IS NULL THEN NULL
                                       ELSE json_build_object('code', t.code, 'name', t.full_name) END,
               'subjects', (SELECT coalesce(json_agg(json_build_object('subject', ta.subject,
                                        'teacher', json_build_object('code', ta.teacher_code, 'name', st.full_name))
                                      ORDER BY ta.subject, ta.teacher_code), '[]'::json)
                              FROM directory.teaching_assignment ta
                              LEFT JOIN directory.teacher st ON st.code = ta.teacher_code
                             WHERE ta.class_code = c.code AND ta.removed_at IS NULL),
               'studentCount', (SELECT count(*) FROM directory.student s WHERE s.class_code = c.code AND s.active)
             ) AS class
        FROM reach_class rc
        JOIN directory.school_class c ON c.code = rc.class_code
        JOIN directory.school sc ON sc.code = c.school_code
        LEFT JOIN directory.teacher t ON t.code = c.homeroom_teacher_code AND t.removed_at IS NULL
       WHERE rc.class_code = $6""");

  /**
   * One row per student of the page, or a single row without student when the class is in reach but
   * the page is empty; no row at all means the class is not in reach (404).
   */
  private static final Reach.Query ROSTER = Reach.query("""
      SELECT s.national_id, s.full_name,
             (SELECT coalesce(json_agg(json_build_object(
                        'id', g.id, 'name', g.full_name, 'relationship', gs.relationship,
                        'primaryContact', gs.primary_contact, 'phoneUsable', g.phone_e164 IS NOT NULL)
                      ORDER BY gs.primary_contact DESC, g.full_name, g.id), '[]'::json)
                FROM directory.guardian_student gs
                JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
               WHERE gs.student_id = s.national_id AND gs.removed_at IS NULL) AS guardians
        FROM reach_class rc
        LEFT JOIN LATERAL (
               SELECT st.national_id, st.full_name
                 FROM directory.student st
                WHERE st.class_code = rc.class_code AND st.active
                  AND ($7::text IS NULL OR (st.full_name, st.national_id) > ($7, $8::text))
                ORDER BY st.full_name, st.national_id
                LIMIT $9) s ON true
       WHERE rc.class_code = $6
       ORDER BY s.full_name, s.national_id""");

  private final Pool pool;

  public ClassViews(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getClass").addHandler(this::detail);
    contract.getRoute("listClassStudents").addHandler(this::roster);
  }

  private void detail(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(CLASS.sql(caller)).execute(Reach.params(caller, ctx.pathParam("classCode")))
        .onFailure(ctx::fail)
        .onSuccess(rows -> Found.oneOr404(ctx, rows, "class"));
  }

  private void roster(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Page.Request page;
    try {
      page = Page.request(ctx, ROSTER_CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    pool.preparedQuery(ROSTER.sql(caller))
        .execute(Reach.params(caller, ctx.pathParam("classCode"), page.after(0), page.after(1), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 404, "not-found");
            return;
          }
          List<Row> students = new ArrayList<>();
          rows.forEach(r -> {
            if (r.getString("national_id") != null) {
              students.add(r);
            }
          });
          Page.answer(ctx, page, ROSTER_CURSOR, students, ClassViews::rosterItem,
              r -> new Object[] {r.getString("full_name"), r.getString("national_id")});
        });
  }

  private static JsonObject rosterItem(Row r) {
    return new JsonObject()
        .put("id", r.getString("national_id"))
        .put("name", r.getString("full_name"))
        .put("guardians", r.getValue("guardians"));
  }
}
