package vn.lienlac.api.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.payments.ReportsFeature;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.report.ReportTable;

/**
 * {@code GET /delivery/costs?month=YYYY-MM[&schoolCode=][&format=csv]}: what delivering messages cost a
 * school in a month (Vietnam time), per channel and provider: deliveries the provider accepted, SMS
 * segments, cost in đồng, and the school's budget for the paid channel with the share used. Principals
 * see their school, district officers the schools of their district; everybody else, and a school
 * outside the caller's reach, gets 404. Cost is counted when the provider accepted the delivery (it is
 * charged then, whatever the handset later reports); the budget's own spending is the figure the policy
 * stops paid channels at, so "percent used" comes from it.
 */
public final class DeliveryCosts implements ApiFeature {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final Reach.Query COSTS = Reach.query("""
      , scope AS NOT MATERIALIZED (
        SELECT school_code FROM reach_school
         WHERE $1 IN ('principal', 'district_officer') AND ($9::text IS NULL OR school_code = $9))
      , spent AS (
        SELECT a.school_code, a.channel, coalesce(a.provider, '') AS provider, count(*) AS deliveries,
               coalesce(sum(a.segments), 0) AS segments, coalesce(sum(a.cost_vnd), 0) AS cost_vnd
          FROM delivery.attempt a JOIN scope USING (school_code)
         WHERE a.accepted_at >= $6 AND a.accepted_at < $7
         GROUP BY 1, 2, 3)
      , budget AS (
        SELECT b.school_code, b.channel, b.limit_vnd, b.spent_vnd
          FROM delivery.school_budget b JOIN scope USING (school_code)
         WHERE b.month = $8)
      SELECT coalesce(s.school_code, b.school_code) AS school_code, coalesce(s.channel, b.channel) AS channel,
             coalesce(s.provider, '') AS provider, coalesce(s.deliveries, 0) AS deliveries,
             coalesce(s.segments, 0) AS segments, coalesce(s.cost_vnd, 0) AS cost_vnd,
             b.limit_vnd, b.spent_vnd, (SELECT count(*) FROM scope) AS schools
        FROM spent s FULL JOIN budget b ON b.school_code = s.school_code AND b.channel = s.channel
      UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM scope)
      ORDER BY 1, 2, 3""");

  static final List<String> COLUMNS = List.of("school_code", "channel", "provider", "deliveries", "segments", "cost_vnd",
      "budget_vnd", "budget_spent_vnd", "percent_used");

  private final Pool pool;

  public DeliveryCosts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getDeliveryCosts").addHandler(this::report);
  }

  private void report(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.is(StaffRole.PRINCIPAL) && !caller.is(StaffRole.DISTRICT_OFFICER)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    // The contract checks the form (YYYY-MM, month 01–12).
    YearMonth month = YearMonth.parse(ctx.queryParams().get("month"));
    LocalDate first = month.atDay(1);
    var from = LocalDateTime.of(first, java.time.LocalTime.MIDNIGHT).atZone(VIETNAM).toOffsetDateTime();
    var to = LocalDateTime.of(first.plusMonths(1), java.time.LocalTime.MIDNIGHT).atZone(VIETNAM).toOffsetDateTime();
    String school = ctx.queryParams().get("schoolCode");
    pool.preparedQuery(COSTS.sql(caller)).execute(Reach.params(caller, from, to, first, school))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<JsonObject> out = new ArrayList<>();
          long schools = 0;
          for (Row r : rows) {
            schools = r.getLong("schools");
            if (r.getString("school_code") != null) {
              out.add(line(r));
            }
          }
          if (school != null && schools == 0) {
            Problems.send(ctx, 404, "not-found");
            return;
          }
          ReportsFeature.answer(ctx, new ReportTable("delivery-costs-" + month, COLUMNS, out));
        });
  }

  private static JsonObject line(Row r) {
    Long limit = r.getLong("limit_vnd");
    Long spent = r.getLong("spent_vnd");
    Double percent = limit == null ? null : limit == 0 ? 100.0 : Math.round(1000.0 * spent / limit) / 10.0;
    return new JsonObject().put("school_code", r.getString("school_code")).put("channel", r.getString("channel"))
        .put("provider", r.getString("provider").isEmpty() ? null : r.getString("provider"))
        .put("deliveries", r.getLong("deliveries")).put("segments", r.getLong("segments"))
        .put("cost_vnd", r.getLong("cost_vnd")).put("budget_vnd", limit).put("budget_spent_vnd", spent)
        .put("percent_used", percent);
  }
}
