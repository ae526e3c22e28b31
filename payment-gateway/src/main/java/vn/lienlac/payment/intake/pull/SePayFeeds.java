package vn.lienlac.payment.intake.pull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/** One SePay API v2 feed per collection account, read afresh each round. */
public final class SePayFeeds implements Supplier<Future<List<BankFeed>>> {

  static final String ACCOUNTS = """
      SELECT account_number FROM payment.collection_account WHERE account_number IS NOT NULL ORDER BY account_number""";

  private final Vertx vertx;
  private final Pool pool;
  private final HttpClient http;
  private final TokenBuckets buckets;
  private final String baseUrl;
  private final String token;
  private final double requestsPerSecond;

  public SePayFeeds(Vertx vertx, Pool pool, HttpClient http, TokenBuckets buckets, String baseUrl, String token,
                    double requestsPerSecond) {
    this.vertx = vertx;
    this.pool = pool;
    this.http = http;
    this.buckets = buckets;
    this.baseUrl = baseUrl;
    this.token = token;
    this.requestsPerSecond = requestsPerSecond;
  }

  @Override
  public Future<List<BankFeed>> get() {
    return pool.query(ACCOUNTS).execute().map(rows -> {
      List<BankFeed> feeds = new ArrayList<>();
      for (Row r : rows) {
        feeds.add(new SePayApiFeed(vertx, http, buckets, baseUrl, token, r.getString("account_number"), requestsPerSecond));
      }
      return feeds;
    });
  }
}
