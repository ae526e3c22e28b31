package vn.lienlac.api.payments;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.http.Problems;
import vn.lienlac.payment.PaymentRefusal;

/**
 * Who manages a school's fees (its accountant and principal, the callers {@code reach_finance_school}
 * holds), and how refusals of payments are answered. Everyone else is told such things do not exist (404).
 */
final class FinanceStaff {

  private FinanceStaff() {}

  /** The school the caller manages fees of, or null after answering 404. */
  static String schoolOr404(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.isGuardian() && (caller.is(StaffRole.ACCOUNTANT) || caller.is(StaffRole.PRINCIPAL))
        && caller.schoolCode() != null) {
      return caller.schoolCode();
    }
    Problems.send(ctx, 404, "not-found");
    return null;
  }

  /** A refusal becomes its problem (404, 409 or 422 with the detail); anything else is the router's 500. */
  static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().ended()) {
      return;
    }
    if (e instanceof PaymentRefusal r) {
      switch (r.kind()) {
        case NOT_FOUND -> Problems.send(ctx, 404, "not-found");
        case CONFLICT -> Problems.send(ctx, 409, r.type(), new JsonObject().put("detail", r.getMessage()));
        case INVALID -> Problems.send(ctx, 422, r.type(), new JsonObject().put("detail", r.getMessage()));
      }
      return;
    }
    ctx.fail(e);
  }

  static long id(RoutingContext ctx, String param) {
    try {
      return Long.parseLong(ctx.pathParam(param));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
