package vn.lienlac.api.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiFeature;

/**
 * {@code GET /me}: who the caller is and what they reach, in one query through {@link Reach}:
 * a guardian's children (departed ones too, {@code current: false}, so their past invoices stay
 * reachable in the app) with the relationship; a teacher's classes with whether they are homeroom
 * teacher and which subjects they teach there; the classes of the school for its principal and
 * accountant; the schools whose profile they may open (a district officer: every school of the
 * district). {@code displayName} is what the directory knows (a guardian's or teacher's name); other
 * staff have none here, the staff account carries theirs.
 */
public final class MeFeature implements ApiFeature {

  private static final Reach.Query ME = Reach.query("""
      SELECT
        CASE WHEN $1 = 'guardian' THEN (SELECT g.full_name FROM directory.guardian g WHERE g.id = $2)
             WHEN $1 = 'teacher' THEN (SELECT t.full_name FROM directory.teacher t WHERE t.code = $5)
        END AS display_name,
        (SELECT coalesce(json_agg(json_build_object(
                   'id', s.national_id, 'name', s.full_name, 'status', s.status, 'current', rs.current,
                   'relationship', gs.relationship,
                   'class', CASE WHEN c.code IS NULL THEN NULL
                                 ELSE json_build_object('code', c.code, 'name', c.name, 'grade', c.grade) END,
                   'school', CASE WHEN sc.code IS NULL THEN NULL
                                  ELSE json_build_object('code', sc.code, 'name', sc.name) END)
                 ORDER BY rs.current DESC, s.full_name, s.national_id), '[]'::json)
           FROM reach_student rs
           JOIN directory.student s ON s.national_id = rs.student_id
           JOIN directory.guardian_student gs ON gs.student_id = rs.student_id AND gs.guardian_id = $2
           LEFT JOIN directory.school_class c ON c.code = s.class_code
           LEFT JOIN directory.school sc ON sc.code = c.school_code
          WHERE $1 = 'guardian') AS students,
        (SELECT coalesce(json_agg(json_build_object(
                   'code', c.code, 'name', c.name, 'grade', c.grade, 'schoolYear', c.school_year,
                   'school', json_build_object('code', sc.code, 'name', sc.name),
                   'homeroom', coalesce(c.homeroom_teacher_code = $5, false),
                   'subjects', (SELECT coalesce(json_agg(ta.subject ORDER BY ta.subject), '[]'::json)
                                  FROM directory.teaching_assignment ta
                                 WHERE ta.class_code = c.code AND ta.teacher_code = $5 AND ta.removed_at IS NULL))
                 ORDER BY c.grade, c.name, c.code), '[]'::json)
           FROM reach_class rc
           JOIN directory.school_class c ON c.code = rc.class_code
           JOIN directory.school sc ON sc.code = c.school_code) AS classes,
        (SELECT coalesce(json_agg(json_build_object('code', sc.code, 'name', sc.name, 'level', sc.level,
                   'districtCode', sc.education_office_code) ORDER BY sc.name, sc.code), '[]'::json)
           FROM reach_school r
           JOIN directory.school sc ON sc.code = r.school_code) AS schools""");

  private final Pool pool;

  public MeFeature(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getMe").addHandler(this::me);
  }

  private void me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(ME.sql(caller)).execute(Reach.params(caller))
        .onFailure(ctx::fail)
        .onSuccess(rows -> ctx.json(describe(caller, rows.iterator().next())));
  }

  private static JsonObject describe(Caller caller, Row row) {
    return new JsonObject()
        .put("kind", caller.isGuardian() ? "guardian" : "staff")
        .put("id", caller.accountId())
        .put("role", caller.role() == null ? null : caller.role().code())
        .put("displayName", row.getString("display_name"))
        .put("teacherCode", caller.teacherCode())
        .put("schoolCode", caller.schoolCode())
        .put("districtCode", caller.districtCode())
        .put("students", (JsonArray) row.getValue("students"))
        .put("classes", (JsonArray) row.getValue("classes"))
        .put("schools", (JsonArray) row.getValue("schools"));
  }
}
