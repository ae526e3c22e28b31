package vn.lienlac.infra.sandbox.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SePay API v2 twin: {@code GET …/transactions} with {@code Authorization: Bearer <API token>},
 * {@code account_number}, {@code since_id} (items after it, ascending), {@code per_page} (≤ 100) and
 * {@code page}; {@code meta.pagination}. Like SePay it allows {@code apiRequestsPerSecond} requests
 * per second per client address and answers 429 with {@code Retry-After} beyond that.
 */
final class SePayListing {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

  private final FakeLedger ledger;
  private final FakeBankOptions options;
  /** Per client address: tokens left and when they were counted (event-loop confined). */
  private final Map<String, double[]> buckets = new HashMap<>();
  private long refused;

  SePayListing(FakeLedger ledger, FakeBankOptions options) {
    this.ledger = ledger;
    this.options = options;
  }

  void mount(Router router, String path) {
    router.get(path).handler(this::list);
    router.get(path + "/stats").handler(ctx -> ctx.json(new JsonObject().put("refused429", refused)));
  }

  private void list(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.equals("Bearer " + options.apiToken())) {
      error(ctx, 401, "Unauthorized");
      return;
    }
    if (!take(ctx.request().remoteAddress().hostAddress())) {
      refused++;
      ctx.response().putHeader("Retry-After", "1");
      error(ctx, 429, "Too Many Requests");
      return;
    }
    int perPage = intParam(ctx, "per_page", 20);
    int page = intParam(ctx, "page", 1);
    if (perPage < 1 || perPage > 100 || page < 1) {
      error(ctx, 400, "per_page must be 1-100 and page ≥ 1");
      return;
    }
    List<BookedCredit> after = ledger.after(ctx.queryParams().get("account_number"), ctx.queryParams().get("since_id"));
    if (after == null) {
      error(ctx, 400, "since_id is not a known transaction id");
      return;
    }
    int from = Math.min(after.size(), (page - 1) * perPage);
    List<BookedCredit> items = after.subList(from, Math.min(after.size(), from + perPage));
    int lastPage = Math.max(1, (after.size() + perPage - 1) / perPage);
    JsonArray data = new JsonArray();
    items.forEach(c -> data.add(new JsonObject().put("id", c.id()).put("transaction_date", LOCAL.format(c.bookedAt()))
        .put("account_number", c.account()).putNull("sub_account").put("transfer_type", "in")
        .put("amount_in", c.amount()).put("amount_out", 0).put("accumulated", c.balanceAfter())
        .put("transaction_content", c.memo()).put("reference_number", c.bankRef()).putNull("code")
        .put("bank_brand_name", "Sandbox Bank")));
    ctx.json(new JsonObject().put("status", "success").put("data", data).put("meta", new JsonObject()
        .put("pagination", new JsonObject().put("total", after.size()).put("per_page", perPage)
            .put("current_page", page).put("last_page", lastPage).put("has_more", page < lastPage))));
  }

  private boolean take(String client) {
    double rate = options.apiRequestsPerSecond();
    double capacity = Math.max(1, Math.ceil(rate));
    long now = System.nanoTime();
    double[] b = buckets.computeIfAbsent(client, k -> new double[] {capacity, now});
    b[0] = Math.min(capacity, b[0] + (now - b[1]) / 1e9 * rate);
    b[1] = now;
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String v = ctx.queryParams().get(name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", status).put("error", message).encode());
  }
}
