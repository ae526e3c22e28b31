package vn.lienlac.api.directory;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiFeature;

/**
 * {@code GET /students/{studentId}}: a student's card (name, status, class and its homeroom teacher,
 * school, guardians' names and relationship) for whoever has the student in {@code reach_student}; 404 to everybody else.
 * Guardians' phone numbers are not shown, only whether the school can reach them.
 */
public final class StudentCards implements ApiFeature {

  private static final Reach.Query CARD = Reach.query("""
      SELECT json_build_object(
               'id', s.national_id, 'name', s.full_name, 'status', s.status, 'current', rs.current,
               'class', CASE WHEN c.code IS NULL THEN NULL
                             ELSE json_build_object('code', c.code, 'name', c.name, 'grade', c.grade,
                                    'homeroomTeacher', CASE WHEN t.code IS NULL THEN NULL
                                                            ELSE json_build_object('code', t.code, 'name', t.full_name) END) END,
               'school', CASE WHEN sc.code IS NULL THEN NULL
                              ELSE json_build_object('code', sc.code, 'name', sc.name) END,
               'guardians', (SELECT coalesce(json_agg(json_build_object(
                                        'id', g.id, 'name', g.full_name, 'relationship', gs.relationship,
                                        'primaryContact', gs.primary_contact, 'phoneUsable', g.phone_e164 IS NOT NULL)
                                      ORDER BY gs.primary_contact DESC, g.full_name, g.id), '[]'::json)
                               FROM directory.guardian_student gs
                               JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
                              WHERE gs.student_id = s.national_id AND gs.removed_at IS NULL)) AS card
        FROM reach_student rs
        JOIN directory.student s ON s.national_id = rs.student_id
        LEFT JOIN directory.school_class c ON c.code = s.class_code
        LEFT JOIN directory.school sc ON sc.code = c.school_code
        LEFT JOIN directory.teacher t ON t.code = c.homeroom_teacher_code AND t.removed_at IS NULL
       WHERE rs.student_id = $6""");

  private final Pool pool;

  public StudentCards(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getStudent").addHandler(this::card);
  }

  private void card(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(CARD.sql(caller)).execute(Reach.params(caller, ctx.pathParam("studentId")))
        .onFailure(ctx::fail)
        .onSuccess(rows -> Found.oneOr404(ctx, rows, "card"));
  }
}
