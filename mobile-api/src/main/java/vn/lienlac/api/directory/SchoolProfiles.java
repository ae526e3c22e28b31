package vn.lienlac.api.directory;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiFeature;

/**
 * {@code GET /schools/{schoolCode}}: a school's profile with its counts of classes and current
 * students, for its staff and its district's officers ({@code reach_school}); 404 to everybody else.
 */
public final class SchoolProfiles implements ApiFeature {

  private static final Reach.Query PROFILE = Reach.query("""
      SELECT json_build_object(
               'code', sc.code, 'name', sc.name, 'level', sc.level, 'address', sc.address,
               'districtCode', sc.education_office_code,
               'classCount', (SELECT count(*) FROM directory.school_class c
                               WHERE c.school_code = sc.code AND c.removed_at IS NULL),
               'studentCount', (SELECT count(*) FROM directory.school_class c
                                  JOIN directory.student s ON s.class_code = c.code AND s.active
                                 WHERE c.school_code = sc.code AND c.removed_at IS NULL)) AS profile
        FROM reach_school r
        JOIN directory.school sc ON sc.code = r.school_code
       WHERE r.school_code = $6""");

  private final Pool pool;

  public SchoolProfiles(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getSchool").addHandler(this::profile);
  }

  private void profile(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(PROFILE.sql(caller)).execute(Reach.params(caller, ctx.pathParam("schoolCode")))
        .onFailure(ctx::fail)
        .onSuccess(rows -> Found.oneOr404(ctx, rows, "profile"));
  }
}
