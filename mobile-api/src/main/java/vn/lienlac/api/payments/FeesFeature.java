package vn.lienlac.api.payments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.function.BiFunction;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.fee.Exemptions;
import vn.lienlac.payment.fee.FeeItems;
import vn.lienlac.payment.qr.CollectionAccounts;

/**
 * A school's fee items, voluntary sign-ups, exemptions and collection account, for its accountant and
 * principal; every change is audited with before and after in its own transaction.
 */
public final class FeesFeature implements ApiFeature {

  private final Pool pool;
  private final AuditLog audit;

  public FeesFeature(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("listFeeItems").addHandler(ctx -> read(ctx, school ->
        FeeItems.list(pool, school, ctx.queryParams().get("schoolYear")).map(items -> new JsonObject().put("items", items))));
    contract.getRoute("createFeeItem").addHandler(ctx -> change(ctx, 201, (tx, school) ->
        FeeItems.create(tx, school, ctx.body().asJsonObject()).compose(item ->
            audited(tx, ctx, "fee_item.created", "fee_item", item.getLong("id"), null, item))));
    contract.getRoute("updateFeeItem").addHandler(ctx -> change(ctx, 200, (tx, school) ->
        FeeItems.update(tx, school, FinanceStaff.id(ctx, "feeItemId"), ctx.body().asJsonObject()).compose(c ->
            audited(tx, ctx, "fee_item.updated", "fee_item", FinanceStaff.id(ctx, "feeItemId"),
                c.getJsonObject("before"), c.getJsonObject("after")))));
    contract.getRoute("setFeeOptIns").addHandler(ctx -> change(ctx, 200, (tx, school) -> {
      JsonObject body = ctx.body().asJsonObject();
      long id = FinanceStaff.id(ctx, "feeItemId");
      List<String> students = body.getJsonArray("studentIds").stream().map(String.class::cast).sorted().toList();
      return FeeItems.optIns(tx, school, id, students, body.getBoolean("optedIn"))
          .compose(v -> audited(tx, ctx, body.getBoolean("optedIn") ? "fee_item.opted_in" : "fee_item.opted_out",
              "fee_item", id, null, body));
    }));
    contract.getRoute("listExemptions").addHandler(ctx -> read(ctx, school ->
        Exemptions.list(pool, school, ctx.queryParams().get("studentId")).map(items -> new JsonObject().put("items", items))));
    contract.getRoute("createExemption").addHandler(ctx -> change(ctx, 201, (tx, school) ->
        Exemptions.create(tx, school, ctx.body().asJsonObject()).compose(e ->
            audited(tx, ctx, "exemption.created", "exemption", e.getLong("id"), null, e))));
    contract.getRoute("revokeExemption").addHandler(ctx -> change(ctx, 200, (tx, school) ->
        Exemptions.revoke(tx, school, FinanceStaff.id(ctx, "exemptionId")).compose(c ->
            audited(tx, ctx, "exemption.revoked", "exemption", FinanceStaff.id(ctx, "exemptionId"),
                c.getJsonObject("before"), c.getJsonObject("after")))));
    contract.getRoute("getCollectionAccount").addHandler(ctx -> read(ctx, school ->
        CollectionAccounts.of(pool, school).compose(a -> a == null
            ? Future.failedFuture(vn.lienlac.payment.PaymentRefusal.notFound()) : Future.succeededFuture(a))));
    contract.getRoute("setCollectionAccount").addHandler(ctx -> change(ctx, 200, (tx, school) ->
        CollectionAccounts.set(tx, school, ctx.body().asJsonObject(), Caller.of(ctx).subject()).compose(c ->
            audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "collection_account.set", "collection_account", school)
                .change(c.getJsonObject("before"), c.getJsonObject("after"))).map(c.getJsonObject("after")))));
  }

  private Future<JsonObject> audited(SqlConnection tx, RoutingContext ctx, String action, String type, long id,
                                     JsonObject before, JsonObject after) {
    return audit.record(tx, AuditEntry.of(AuditActor.of(ctx), action, type, String.valueOf(id)).change(before, after))
        .map(after);
  }

  private void read(RoutingContext ctx, java.util.function.Function<String, Future<JsonObject>> query) {
    String school = FinanceStaff.schoolOr404(ctx);
    if (school != null) {
      query.apply(school).onSuccess(ctx::json).onFailure(e -> FinanceStaff.fail(ctx, e));
    }
  }

  private void change(RoutingContext ctx, int status, BiFunction<SqlConnection, String, Future<JsonObject>> work) {
    String school = FinanceStaff.schoolOr404(ctx);
    if (school != null) {
      pool.withTransaction(tx -> work.apply(tx, school))
          .onSuccess(body -> ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
              .end(body.encode()))
          .onFailure(e -> FinanceStaff.fail(ctx, e));
    }
  }
}
