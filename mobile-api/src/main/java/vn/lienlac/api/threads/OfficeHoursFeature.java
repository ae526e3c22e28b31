package vn.lienlac.api.threads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.messaging.thread.OfficeHours;
import vn.lienlac.messaging.thread.WeeklyWindow;

/**
 * {@code GET/PUT /me/office-hours}: a staff member's weekly office hours (Asia/Ho_Chi_Minh) and the
 * auto-reply guardians get outside them. Guardians have none (404). Every change is audited.
 */
public final class OfficeHoursFeature implements ApiFeature {

  private static final String UPSERT = """
      INSERT INTO messaging.office_hours AS o (staff_id, enabled, windows, auto_reply_vi, auto_reply_en, updated_at)
      VALUES ($1, $2, $3, $4, $5, now())
      ON CONFLICT (staff_id) DO UPDATE SET enabled = EXCLUDED.enabled, windows = EXCLUDED.windows,
             auto_reply_vi = EXCLUDED.auto_reply_vi, auto_reply_en = EXCLUDED.auto_reply_en, updated_at = now()""";

  private static final String CURRENT_FOR_UPDATE = ThreadPosting.OFFICE_HOURS + " FOR UPDATE";

  private final Pool pool;
  private final AuditLog audit;

  public OfficeHoursFeature(ApiDependencies deps) {
    this.pool = deps.pool();
    this.audit = AuditLog.create(deps.pool(), deps.clock());
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getOfficeHours").addHandler(this::get);
    contract.getRoute("putOfficeHours").addHandler(this::put);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.isGuardian()) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    pool.preparedQuery(ThreadPosting.OFFICE_HOURS).execute(Tuple.of(caller.accountId()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> ctx.json(json(rows.size() == 0 ? OfficeHours.ALWAYS_OPEN
            : ThreadPosting.officeHoursOf(rows.iterator().next()))));
  }

  private void put(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.isGuardian()) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    OfficeHours hours;
    try {
      hours = parse(ctx.body().asJsonObject());
    } catch (Refusal r) {
      r.answer(ctx);
      return;
    }
    AuditActor actor = AuditActor.of(ctx);
    pool.withTransaction(tx -> tx.preparedQuery(CURRENT_FOR_UPDATE).execute(Tuple.of(caller.accountId()))
            .compose(before -> tx.preparedQuery(UPSERT).execute(Tuple.of(caller.accountId(), hours.enabled(),
                    hours.windowsJson(), hours.autoReplyVi(), hours.autoReplyEn()))
                .compose(v -> audit.record(tx, AuditEntry.of(actor, "office_hours.changed", "office_hours",
                        String.valueOf(caller.accountId()))
                    .change(before.size() == 0 ? null : json(ThreadPosting.officeHoursOf(before.iterator().next())),
                        json(hours))))))
        .onFailure(ctx::fail)
        .onSuccess(v -> ctx.json(json(hours)));
  }

  /** The request as office hours; a {@link Refusal} naming the field when it cannot be. */
  static OfficeHours parse(JsonObject body) {
    boolean enabled = body.getBoolean("enabled");
    JsonArray windowsJson = body.getJsonArray("windows", new JsonArray());
    if (windowsJson.size() > OfficeHours.MAX_WINDOWS) {
      throw Refusal.invalid("/windows", "at most " + OfficeHours.MAX_WINDOWS + " windows");
    }
    List<WeeklyWindow> windows = new java.util.ArrayList<>();
    for (int i = 0; i < windowsJson.size(); i++) {
      try {
        windows.add(WeeklyWindow.fromJson(windowsJson.getJsonObject(i)));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("/windows/" + i, e.getMessage());
      }
    }
    if (enabled && windows.isEmpty()) {
      throw Refusal.invalid("/windows", "enabled office hours need at least one window");
    }
    JsonObject autoReply = body.getJsonObject("autoReply");
    String vi = autoReply == null ? null : autoReply.getString("vi");
    String en = autoReply == null ? null : autoReply.getString("en");
    if (vi == null || vi.isBlank()) {
      throw Refusal.invalid("/autoReply/vi", "the auto-reply in Vietnamese is required");
    }
    if (en != null && en.isBlank()) {
      throw Refusal.invalid("/autoReply/en", "must not be blank; leave it out to use the Vietnamese text");
    }
    return new OfficeHours(enabled, windows, vi.strip(), en == null ? null : en.strip());
  }

  static JsonObject json(OfficeHours hours) {
    JsonObject reply = hours.autoReplyVi() == null ? null
        : new JsonObject().put("vi", hours.autoReplyVi()).put("en", hours.autoReplyEn());
    return new JsonObject().put("enabled", hours.enabled()).put("timeZone", OfficeHours.ZONE.getId())
        .put("windows", hours.windowsJson()).put("autoReply", reply);
  }
}
