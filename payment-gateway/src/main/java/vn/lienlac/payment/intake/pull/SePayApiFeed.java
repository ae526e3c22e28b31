package vn.lienlac.payment.intake.pull;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.ratelimit.TokenBuckets;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * SePay API v2: {@code GET <base>/transactions?account_number=…&since_id=…&per_page=…} with
 * {@code Authorization: Bearer <API token>}, items ascending, {@code meta.pagination}. SePay allows
 * 3 requests/s per client address: a Redis token bucket shared by every process keeps us under it,
 * and a 429 is waited out for its {@code Retry-After} (a few times) before the pull gives up until
 * the next round.
 */
public final class SePayApiFeed implements BankFeed {

  private static final Logger LOG = LoggerFactory.getLogger(SePayApiFeed.class);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final int PER_PAGE = 100;
  static final int MAX_429_WAITS = 5;

  private final Vertx vertx;
  private final HttpClient http;
  private final TokenBuckets buckets;
  private final String baseUrl;
  private final String token;
  private final String account;
  private final double requestsPerSecond;

  /**
   * @param baseUrl e.g. {@code https://userapi.sepay.vn/v2}; {@code /transactions} is appended
   * @param requestsPerSecond SePay's limit is 3
   */
  public SePayApiFeed(Vertx vertx, HttpClient http, TokenBuckets buckets, String baseUrl, String token, String account,
                      double requestsPerSecond) {
    this.vertx = vertx;
    this.http = http;
    this.buckets = buckets;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.account = account;
    this.requestsPerSecond = requestsPerSecond;
  }

  @Override
  public String name() {
    return "sepay_api";
  }

  @Override
  public String accountNumber() {
    return account;
  }

  @Override
  public Source source() {
    return Source.SEPAY_API;
  }

  @Override
  public Future<Page> fetch(String sinceId) {
    String url = baseUrl + "/transactions?account_number=" + enc(account) + "&per_page=" + PER_PAGE
        + (sinceId == null ? "" : "&since_id=" + enc(sinceId));
    return send(url, 0);
  }

  private Future<Page> send(String url, int waits429) {
    // One bucket per API host: the limit is SePay's, per client address, whichever process asks.
    String bucket = "sepay-api:" + java.net.URI.create(url).getHost();
    return buckets.take(bucket, 3, requestsPerSecond, 1).compose(d -> {
      if (!d.allowed()) {
        return after(d.retryAfterMillis()).compose(v -> send(url, waits429));
      }
      return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
              .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "application/json"))
          .compose(req -> req.send())
          .compose(resp -> resp.body().compose(body -> {
            if (resp.statusCode() == 429) {
              if (waits429 >= MAX_429_WAITS) {
                return Future.failedFuture(new IllegalStateException("SePay API still answers 429 after "
                    + MAX_429_WAITS + " waits"));
              }
              long seconds = retryAfterSeconds(resp.getHeader("Retry-After"));
              LOG.info("SePay API asked us to wait {} s (429)", seconds);
              return after(seconds * 1000).compose(v -> send(url, waits429 + 1));
            }
            if (resp.statusCode() != 200) {
              return Future.failedFuture(new IllegalStateException("SePay API answered " + resp.statusCode()));
            }
            return Future.succeededFuture(page(body.toJsonObject()));
          }));
    });
  }

  private Future<Void> after(long millis) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, millis), id -> p.complete());
    return p.future();
  }

  static long retryAfterSeconds(String header) {
    if (header != null && header.strip().matches("\\d{1,6}")) {
      return Math.max(1, Long.parseLong(header.strip()));
    }
    return 1;
  }

  private Page page(JsonObject body) {
    JsonArray data = body.getJsonArray("data", body.getJsonArray("transactions", new JsonArray()));
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      JsonObject o = data.getJsonObject(i);
      items.add(new Item(o.getValue("id").toString(), transaction(o), o));
    }
    JsonObject pagination = body.getJsonObject("meta", new JsonObject()).getJsonObject("pagination", new JsonObject());
    boolean more = pagination.getBoolean("has_more",
        pagination.getInteger("current_page", 1) < pagination.getInteger("last_page", 1));
    return new Page(items, more);
  }

  private static BankTransaction transaction(JsonObject o) {
    boolean in = "in".equalsIgnoreCase(o.getString("transfer_type"));
    long amount = Math.round(Double.parseDouble(String.valueOf(o.getValue(in ? "amount_in" : "amount_out"))));
    String reference = o.getString("reference_number");
    String id = reference == null || reference.isBlank() ? "sepay:" + o.getValue("id") : reference;
    LocalDateTime booked;
    try {
      booked = LocalDateTime.parse(o.getString("transaction_date"), LOCAL);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalStateException("SePay API item without a readable transaction_date");
    }
    return new BankTransaction(o.getString("account_number"), id, booked.atZone(VIETNAM).toInstant(), amount,
        in ? Direction.CREDIT : Direction.DEBIT, false, o.getString("transaction_content"), null, null);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
