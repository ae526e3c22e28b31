package vn.lienlac.infra.sandbox.bank;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.lienlac.payment.vietqr.VietQrDecoder;
import vn.lienlac.payment.vietqr.VietQrException;
import vn.lienlac.payment.vietqr.VietQrPayload;

/**
 * A fake bank for the sandbox and tests. {@code POST /sandbox/bank/pay} books a credit (from a VietQR
 * payload, or account, amount and memo) and notifies our API the configured way; {@code delivery}
 * controls the notification: {@code send} (default), {@code drop} (never sent: for the pull client and
 * statements' missed notifications), {@code duplicate} (sent twice in a row) or {@code concurrent}
 * ({@code copies} at once); {@code wait: true} answers after delivery settled. It also serves the SePay
 * API v2 listing ({@link SePayListing}) and {@code GET /sandbox/bank/ledger}.
 */
public final class FakeBankServer extends VerticleBase {

  public static final String BASE_PATH = "/sandbox/bank";

  private final FakeBankOptions options;
  private final Clock clock;
  private FakeLedger ledger;
  private WebhookSender sender;
  private HttpClient http;
  private HttpServer server;

  public FakeBankServer(FakeBankOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    ledger = new FakeLedger(clock);
    http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    sender = new WebhookSender(vertx, http, options);
    Router router = Router.router(vertx);
    router.post(BASE_PATH + "/pay").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::pay);
    router.get(BASE_PATH + "/ledger").handler(ctx -> ctx.json(new JsonArray(ledger.all().stream().map(BookedCredit::toJson).toList())));
    new SePayListing(ledger, options).mount(router, BASE_PATH + "/v2/transactions");
    server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()));
    return server.requestHandler(router).listen();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close().compose(v -> http.close());
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void pay(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null) {
      refuse(ctx, "/", "the body must be a JSON object");
      return;
    }
    String account;
    Long amount;
    String memo;
    if (body.getValue("vietqr") != null) {
      VietQrPayload qr;
      try {
        qr = VietQrDecoder.decode(String.valueOf(body.getValue("vietqr")));
      } catch (VietQrException e) {
        refuse(ctx, "vietqr", e.getMessage());
        return;
      }
      account = qr.account();
      amount = qr.amount() != null ? qr.amount() : number(body, "amount");
      memo = qr.memo() != null ? qr.memo() : body.getString("memo");
    } else {
      account = body.getValue("account") instanceof String s && !s.isBlank() ? s.strip() : null;
      if (account == null) {
        refuse(ctx, "account", "required (or give vietqr)");
        return;
      }
      amount = number(body, "amount");
      memo = body.getString("memo");
    }
    if (amount == null || amount <= 0) {
      refuse(ctx, "amount", "a positive whole number of đồng is required (a static VietQR code carries none)");
      return;
    }
    String delivery = body.getString("delivery", "send").toLowerCase(Locale.ROOT);
    int copies = body.getInteger("copies", delivery.equals("duplicate") ? 2 : 5);
    if (!List.of("send", "drop", "duplicate", "concurrent").contains(delivery)) {
      refuse(ctx, "delivery", "must be send, drop, duplicate or concurrent");
      return;
    }
    if (copies < 1 || copies > 100) {
      refuse(ctx, "copies", "must be 1 to 100");
      return;
    }
    BookedCredit credit = ledger.book(account, amount, memo, body.getString("payerName"));
    Future<JsonObject> delivered = switch (delivery) {
      case "drop" -> Future.succeededFuture(new JsonObject().put("sent", 0));
      case "duplicate" -> sequentially(credit, copies, 0);
      case "concurrent" -> concurrently(credit, copies);
      default -> outcome(sender.deliver(credit), 1);
    };
    JsonObject answer = credit.toJson().put("delivery", delivery).put("style", options.style().name().toLowerCase(Locale.ROOT));
    if (body.getBoolean("wait", false)) {
      delivered.onComplete(d -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
          .end(answer.put("delivered", d.result()).encode()));
    } else {
      ctx.response().setStatusCode(202).putHeader("content-type", "application/json").end(answer.encode());
    }
  }

  private Future<JsonObject> sequentially(BookedCredit credit, int left, int acknowledged) {
    if (left == 0) {
      return Future.succeededFuture(new JsonObject().put("sent", acknowledged));
    }
    return sender.deliver(credit).transform(r -> sequentially(credit, left - 1, acknowledged + (r.succeeded() ? 1 : 0)));
  }

  private Future<JsonObject> concurrently(BookedCredit credit, int copies) {
    List<Future<Integer>> all = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      all.add(sender.deliver(credit));
    }
    return Future.join(all).transform(r -> Future.succeededFuture(new JsonObject()
        .put("sent", (int) all.stream().filter(Future::succeeded).count())));
  }

  private static Future<JsonObject> outcome(Future<Integer> attempts, int copies) {
    return attempts.transform(r -> Future.succeededFuture(r.succeeded()
        ? new JsonObject().put("sent", copies).put("attempts", r.result())
        : new JsonObject().put("sent", 0).put("error", r.cause().getMessage())));
  }

  private static Long number(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (v instanceof String s && s.strip().matches("\\d{1,15}")) {
      return Long.parseLong(s.strip());
    }
    return null;
  }

  private static void refuse(RoutingContext ctx, String field, String reason) {
    ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
        .end(new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", field).put("reason", reason))).encode());
  }
}
