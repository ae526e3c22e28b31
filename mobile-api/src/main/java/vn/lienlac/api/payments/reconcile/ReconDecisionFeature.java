package vn.lienlac.api.payments.reconcile;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.reconcile.AccountantDecisions;
import vn.lienlac.payment.reconcile.AccountantDecisions.Changed;
import vn.lienlac.payment.reconcile.AppliedPayment;

/**
 * The accountant's decisions on queued credits (confirm, match, not a fee, refund, refund paid, undo).
 * Each runs in one transaction with its audit record (before/after) and the guardians' payment notices
 * (the notice outbox), through the same apply code as the worker; realtime events follow the commit. The
 * school is the caller's.
 */
public final class ReconDecisionFeature implements ApiFeature {

  private final Pool pool;
  private final AuditLog audit;
  private final PaymentServices services;

  public ReconDecisionFeature(Pool pool, AuditLog audit, PaymentServices services) {
    this.pool = pool;
    this.audit = audit;
    this.services = services;
  }

  @Override
  public void mount(RouterBuilder contract) {
    AccountantDecisions d = services.decisions();
    contract.getRoute("confirmReconSuggestion").addHandler(ctx -> single(ctx, "bank_transaction.suggestion_confirmed",
        (tx, school) -> d.confirm(tx, school, id(ctx), Long.parseLong(body(ctx).getString("invoiceId")), by(ctx))));
    contract.getRoute("markReconNotFee").addHandler(ctx -> single(ctx, "bank_transaction.marked_not_fee",
        (tx, school) -> d.notFee(tx, school, id(ctx), by(ctx), body(ctx).getString("reason"))));
    contract.getRoute("recordReconRefund").addHandler(ctx -> single(ctx, "bank_transaction.refund_recorded",
        (tx, school) -> d.refund(tx, school, id(ctx), by(ctx), body(ctx).getString("reason"))));
    contract.getRoute("recordReconRefundPaid").addHandler(ctx -> single(ctx, "bank_transaction.refund_paid",
        (tx, school) -> d.refundPaid(tx, school, id(ctx), by(ctx))));
    contract.getRoute("undoReconDecision").addHandler(ctx -> single(ctx, "bank_transaction.decision_undone",
        (tx, school) -> d.undo(tx, school, id(ctx), by(ctx), body(ctx).getString("reason"))));
    contract.getRoute("matchReconManually").addHandler(this::match);
  }

  private void single(RoutingContext ctx, String action, BiFunction<SqlConnection, String, Future<Changed>> decide) {
    String school = FinanceStaff.schoolOf(Caller.of(ctx));
    if (school == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    AuditActor actor = AuditActor.of(ctx);
    pool.withTransaction(tx -> decide.apply(tx, school)
            .compose(changed -> audit.record(tx, auditEntry(actor, action, changed, body(ctx).getString("reason")))
                .compose(v -> services.notifier().store(tx, changed.applied()))
                .map(changed)))
        .onSuccess(changed -> answer(ctx, List.of(changed), false))
        .onFailure(e -> refuse(ctx, e));
  }

  private void match(RoutingContext ctx) {
    String school = FinanceStaff.schoolOf(Caller.of(ctx));
    if (school == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Map<Long, List<AccountantDecisions.Part>> byTransaction = new LinkedHashMap<>();
    for (Object o : body(ctx).getJsonArray("allocations")) {
      JsonObject a = (JsonObject) o;
      byTransaction.computeIfAbsent(Long.parseLong(a.getString("transactionId")), k -> new ArrayList<>())
          .add(new AccountantDecisions.Part(Long.parseLong(a.getString("invoiceId")), a.getLong("amount")));
    }
    AuditActor actor = AuditActor.of(ctx);
    pool.withTransaction(tx -> services.decisions().match(tx, school, byTransaction, by(ctx)).compose(all -> {
          Future<Void> chain = Future.succeededFuture();
          for (Changed c : all) {
            chain = chain.compose(v -> audit.record(tx, auditEntry(actor, "bank_transaction.matched", c, null)).mapEmpty());
          }
          return chain.compose(v -> services.notifier().store(tx, applied(all))).map(all);
        }))
        .onSuccess(all -> answer(ctx, all, true))
        .onFailure(e -> refuse(ctx, e));
  }

  private void answer(RoutingContext ctx, List<Changed> all, boolean list) {
    // The payment notices committed with the decision (the notice outbox); the realtime hint follows.
    services.notifier().published(applied(all));
    if (list) {
      JsonArray items = new JsonArray();
      all.forEach(c -> items.add(json(c)));
      ctx.json(new JsonObject().put("items", items));
    } else {
      ctx.json(json(all.get(0)));
    }
  }

  private static List<AppliedPayment> applied(List<Changed> all) {
    List<AppliedPayment> applied = new ArrayList<>();
    all.forEach(c -> applied.addAll(c.applied()));
    return applied;
  }

  private static void refuse(RoutingContext ctx, Throwable e) {
    if (e instanceof AccountantDecisions.Refused r) {
      if ("not-found".equals(r.problem())) {
        Problems.send(ctx, 404, "not-found");
      } else {
        Problems.send(ctx, 409, r.problem(), new JsonObject().put("detail", r.getMessage()));
      }
      return;
    }
    ctx.fail(e);
  }

  private static AuditEntry auditEntry(AuditActor actor, String action, Changed c, String reason) {
    JsonObject after = json(c);
    after.remove("stateBefore");
    after.remove("stateAfter");
    if (reason != null) {
      after.put("reason", reason);
    }
    return AuditEntry.of(actor, action, "bank_transaction", Long.toString(c.bankTransactionId()))
        .change(new JsonObject().put("state", c.stateBefore()), after.put("state", c.stateAfter()));
  }

  static JsonObject json(Changed c) {
    JsonArray applied = new JsonArray();
    for (AppliedPayment p : c.applied()) {
      applied.add(new JsonObject().put("applicationId", Long.toString(p.applicationId()))
          .put("invoiceId", p.invoiceId() == null ? null : Long.toString(p.invoiceId())).put("studentId", p.studentId())
          .put("amount", p.amount()).put("receiptId", Long.toString(p.receiptId())));
    }
    JsonArray invoices = new JsonArray();
    c.invoiceIds().forEach(i -> invoices.add(Long.toString(i)));
    return new JsonObject().put("transactionId", Long.toString(c.bankTransactionId())).put("stateBefore", c.stateBefore())
        .put("stateAfter", c.stateAfter()).put("decisionId", c.decisionId() == null ? null : Long.toString(c.decisionId()))
        .put("invoiceIds", invoices).put("applied", applied);
  }

  private static long id(RoutingContext ctx) {
    return Long.parseLong(ctx.pathParam("transactionId"));
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    return body == null ? new JsonObject() : body;
  }

  private static String by(RoutingContext ctx) {
    return Caller.of(ctx).subject();
  }
}
