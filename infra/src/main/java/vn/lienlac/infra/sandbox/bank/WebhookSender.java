package vn.lienlac.infra.sandbox.bank;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.payment.intake.PayOsSignature;
import vn.lienlac.payment.intake.SePayNotification;

/**
 * Sends a booked credit to our API the way the configured aggregator does, signed with its secrets,
 * and retries like they do (Fibonacci spacing) until a 2xx or the attempts run out.
 */
final class WebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

  private final Vertx vertx;
  private final HttpClient http;
  private final FakeBankOptions options;
  private String vietQrToken;
  private Instant vietQrTokenExpires = Instant.EPOCH;

  WebhookSender(Vertx vertx, HttpClient http, FakeBankOptions options) {
    this.vertx = vertx;
    this.http = http;
    this.options = options;
  }

  /** Succeeds with the number of attempts it took; fails when every attempt failed. */
  Future<Integer> deliver(BookedCredit credit) {
    return attempt(credit, 1);
  }

  private Future<Integer> attempt(BookedCredit credit, int n) {
    return sendOnce(credit).compose(status -> {
      if (status / 100 == 2) {
        return Future.succeededFuture(n);
      }
      return Future.failedFuture(new IllegalStateException("answered " + status));
    }).recover(e -> {
      if (n >= options.attempts()) {
        LOG.warn("sandbox bank gave up on the notification of {} after {} attempts: {}", credit.bankRef(), n, e.getMessage());
        return Future.failedFuture(e);
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(options.retryBase().toMillis() * fibonacci(n), id -> later.complete());
      return later.future().compose(v -> attempt(credit, n + 1));
    });
  }

  static long fibonacci(int n) {
    long a = 1;
    long b = 1;
    for (int i = 1; i < n; i++) {
      long next = a + b;
      a = b;
      b = next;
    }
    return a;
  }

  private Future<Integer> sendOnce(BookedCredit c) {
    return switch (options.style()) {
      case PAYOS -> post("/webhooks/payos", payOs(c).encode(), Map.of());
      case SEPAY -> sePay(c);
      case VIETQR -> token().compose(t -> post("/webhooks/vietqr/bank/api/transaction-sync", vietQr(c).encode(),
          Map.of("Authorization", "Bearer " + t)));
    };
  }

  private JsonObject payOs(BookedCredit c) {
    JsonObject data = new JsonObject().put("orderCode", c.sequence()).put("amount", c.amount())
        .put("description", c.memo()).put("accountNumber", c.account()).put("reference", c.bankRef())
        .put("transactionDateTime", LOCAL.format(c.bookedAt())).put("currency", "VND")
        .put("paymentLinkId", c.id().replace("-", "")).put("code", "00").put("desc", "Thành công")
        .put("counterAccountBankId", "").put("counterAccountBankName", "")
        .put("counterAccountName", c.payerName() == null ? "" : c.payerName()).put("counterAccountNumber", "")
        .put("virtualAccountName", "").put("virtualAccountNumber", "");
    return new JsonObject().put("code", "00").put("desc", "success").put("success", true).put("data", data)
        .put("signature", PayOsSignature.sign(data, options.payOsChecksumKey()));
  }

  private Future<Integer> sePay(BookedCredit c) {
    String body = new JsonObject().put("id", c.sequence()).put("gateway", "Sandbox Bank")
        .put("transactionDate", LOCAL.format(c.bookedAt())).put("accountNumber", c.account()).putNull("code")
        .put("content", c.memo()).put("transferType", "in").put("transferAmount", c.amount())
        .put("accumulated", c.balanceAfter()).putNull("subAccount").put("referenceCode", c.bankRef())
        .put("description", c.memo()).encode();
    if (options.sePayApiKey() != null && !options.sePayApiKey().isBlank()) {
      return post("/webhooks/sepay", body, Map.of("Authorization", "Apikey " + options.sePayApiKey()));
    }
    long ts = Instant.now().getEpochSecond();
    String signature = SePayNotification.sign(options.sePayHmacSecret(), ts, body.getBytes(StandardCharsets.UTF_8));
    return post("/webhooks/sepay", body, Map.of("X-SePay-Timestamp", Long.toString(ts), "X-SePay-Signature", signature));
  }

  private JsonObject vietQr(BookedCredit c) {
    return new JsonObject().put("bankaccount", c.account()).put("amount", c.amount()).put("transType", "C")
        .put("content", c.memo()).put("transactionid", c.id()).put("transactiontime", c.bookedAt().toEpochMilli())
        .put("referencenumber", c.bankRef()).put("orderId", "").put("terminalCode", "").put("serviceCode", "")
        .put("urlLink", "").put("sign", "");
  }

  private Future<String> token() {
    if (vietQrToken != null && Instant.now().isBefore(vietQrTokenExpires)) {
      return Future.succeededFuture(vietQrToken);
    }
    String basic = Base64.getEncoder().encodeToString((options.vietQrUsername() + ":" + options.vietQrPassword())
        .getBytes(StandardCharsets.UTF_8));
    return request("/webhooks/vietqr/api/token_generate", "", Map.of("Authorization", "Basic " + basic))
        .compose(answer -> {
          if (answer.status() != 200) {
            return Future.failedFuture(new IllegalStateException("token_generate answered " + answer.status()));
          }
          JsonObject t = new JsonObject(answer.body());
          vietQrToken = t.getString("access_token");
          vietQrTokenExpires = Instant.now().plusSeconds(Math.max(1, t.getLong("expires_in", 300L) - 30));
          return Future.succeededFuture(vietQrToken);
        });
  }

  private Future<Integer> post(String path, String body, Map<String, String> headers) {
    return request(path, body, headers).map(Answer::status);
  }

  private record Answer(int status, String body) {}

  private Future<Answer> request(String path, String body, Map<String, String> headers) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(options.targetBaseUrl() + path).putHeader("content-type", "application/json")
        .setTimeout(10_000);
    headers.forEach(request::putHeader);
    return http.request(request).compose(r -> r.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())));
  }
}
