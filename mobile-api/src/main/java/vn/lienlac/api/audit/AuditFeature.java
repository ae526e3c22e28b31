package vn.lienlac.api.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;

/**
 * {@code GET /audit}: the audit trail newest first, for those who oversee it (principals: their
 * school's; district officers: their district's); to everybody else the listing does not exist (404).
 * Filters: {@code from} (inclusive) and {@code to} (exclusive) times, {@code actor} (subject),
 * {@code action}, {@code resourceType}, {@code resourceId}.
 */
public final class AuditFeature implements ApiFeature {

  static final Cursor CURSOR = Cursor.of("audit", Long.class, Long.class);

  private static final Reach.Query LIST = Reach.query("""
      SELECT e.id, e.at, e.actor_subject, e.actor_role, e.school_code, e.district_code, e.action,
             e.resource_type, e.resource_id, e.before, e.after, host(e.ip) AS ip, e.request_id
        FROM api.audit_event e
       WHERE reach_overseen(e)
         AND ($6::timestamptz IS NULL OR e.at >= $6)
         AND ($7::timestamptz IS NULL OR e.at < $7)
         AND ($8::text IS NULL OR e.actor_subject = $8)
         AND ($9::text IS NULL OR e.action = $9)
         AND ($10::text IS NULL OR e.resource_type = $10)
         AND ($11::text IS NULL OR e.resource_id = $11)
         AND ($12::timestamptz IS NULL OR (e.at, e.id) < ($12, $13::bigint))
       ORDER BY e.at DESC, e.id DESC
       LIMIT $14""");

  private final Pool pool;

  public AuditFeature(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("listAuditEvents").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!Reach.oversees(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Page.Request page;
    OffsetDateTime from;
    OffsetDateTime to;
    try {
      page = Page.request(ctx, CURSOR);
      from = time(ctx, "from");
      to = time(ctx, "to");
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    } catch (InvalidTime e) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", new JsonArray()
          .add(new JsonObject().put("field", e.getMessage()).put("reason", e.getMessage() + " must be a date-time such as 2026-11-22T08:00:00+07:00"))));
      return;
    }
    Long afterMicros = (Long) page.after(0);
    var q = ctx.queryParams();
    pool.preparedQuery(LIST.sql(caller)).execute(Reach.params(caller, from, to, q.get("actor"), q.get("action"),
            q.get("resourceType"), q.get("resourceId"), afterMicros == null ? null : ofMicros(afterMicros),
            page.after(1), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<Row> fetched = new ArrayList<>();
          rows.forEach(fetched::add);
          Page.answer(ctx, page, CURSOR, fetched, AuditFeature::item,
              r -> new Object[] {micros(r.getOffsetDateTime("at")), r.getLong("id")});
        });
  }

  private static JsonObject item(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("at", r.getOffsetDateTime("at").toInstant().toString())
        .put("actor", new JsonObject().put("subject", r.getString("actor_subject")).put("role", r.getString("actor_role")))
        .put("schoolCode", r.getString("school_code"))
        .put("districtCode", r.getString("district_code"))
        .put("action", r.getString("action"))
        .put("resource", new JsonObject().put("type", r.getString("resource_type")).put("id", r.getString("resource_id")))
        .put("before", r.getValue("before"))
        .put("after", r.getValue("after"))
        .put("ip", r.getString("ip"))
        .put("requestId", r.getString("request_id"));
  }

  private static final class InvalidTime extends Exception {
    InvalidTime(String field) {
      super(field, null, false, false);
    }
  }

  private static OffsetDateTime time(RoutingContext ctx, String name) throws InvalidTime {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw new InvalidTime(name);
    }
  }

  static long micros(OffsetDateTime t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant());
  }

  static OffsetDateTime ofMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
