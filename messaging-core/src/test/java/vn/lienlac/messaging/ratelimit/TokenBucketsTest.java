package vn.lienlac.messaging.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.testing.TestServices;

/** Against a real Redis (embedded, or LIENLAC_TEST_REDIS_URL). */
class TokenBucketsTest {

  Vertx vertx;
  Redis redis;
  TokenBuckets buckets;
  String key;

  @BeforeEach
  void connect() {
    vertx = Vertx.vertx();
    redis = client();
    buckets = new TokenBuckets(redis, "test:rl:");
    key = UUID.randomUUID().toString();
  }

  private Redis client() {
    return Redis.createClient(vertx, new RedisOptions().setConnectionString(TestServices.redis()).setMaxPoolWaiting(256));
  }

  @AfterEach
  void close() {
    redis.close();
    vertx.close().await();
  }

  @Test
  void a_burst_up_to_capacity_passes_then_requests_are_refused_with_the_time_to_wait() {
    for (int i = 0; i < 5; i++) {
      assertThat(buckets.take(key, 5, 1.0, 1).await().allowed()).isTrue();
    }
    TokenBuckets.Decision refused = buckets.take(key, 5, 1.0, 1).await();

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterMillis()).isBetween(1L, 1_000L);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void tokens_come_back_at_the_refill_rate() throws InterruptedException {
    // Two per second: the first four takes have half a second before a token returns, which even a
    // loaded CI machine manages; at 20 per second (50 ms) this test failed under load.
    for (int i = 0; i < 3; i++) {
      buckets.take(key, 3, 2.0, 1).await();
    }
    assertThat(buckets.take(key, 3, 2.0, 1).await().allowed()).isFalse();

    Thread.sleep(600);

    assertThat(buckets.take(key, 3, 2.0, 1).await().allowed()).isTrue();
  }

  @Test
  void concurrent_callers_from_many_connections_never_get_more_than_the_capacity() {
    List<Redis> clients = new ArrayList<>();
    List<Future<TokenBuckets.Decision>> attempts = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      Redis client = client();
      clients.add(client);
      TokenBuckets shared = new TokenBuckets(client, "test:rl:");
      for (int i = 0; i < 50; i++) {
        attempts.add(shared.take(key, 25, 0.001, 1));
      }
    }
    Future.all(attempts).await();

    long allowed = attempts.stream().filter(f -> f.result().allowed()).count();
    assertThat(allowed).isEqualTo(25);
    clients.forEach(Redis::close);
  }

  @Test
  void keys_are_independent_and_bad_settings_are_refused() {
    buckets.take(key, 1, 1.0, 1).await();
    assertThat(buckets.take(key, 1, 1.0, 1).await().allowed()).isFalse();
    assertThat(buckets.take(key + "-other", 1, 1.0, 1).await().allowed()).isTrue();
    assertThat(buckets.take(key, 1, 1.0, 2).failed()).isTrue();
  }

  @Test
  void a_batch_takes_what_the_bucket_holds_and_concurrent_batches_never_exceed_the_capacity() {
    TokenBuckets.Grant first = buckets.takeUpTo(key, 100, 0.001, 10, 60).await();
    TokenBuckets.Grant tooFew = buckets.takeUpTo(key, 100, 0.001, 50, 60).await();
    TokenBuckets.Grant second = buckets.takeUpTo(key, 100, 0.001, 10, 60).await();
    TokenBuckets.Grant empty = buckets.takeUpTo(key, 100, 0.001, 1, 60).await();

    assertThat(first.granted()).isEqualTo(60);
    assertThat(tooFew.granted()).isZero();
    assertThat(second.granted()).isEqualTo(40);
    assertThat(empty.granted()).isZero();
    assertThat(empty.retryAfterMillis()).isPositive();

    String shared = key + "-shared";
    List<Future<TokenBuckets.Grant>> batches = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batches.add(buckets.takeUpTo(shared, 250, 0.001, 1, 30));
    }
    Future.all(batches).await();
    assertThat(batches.stream().mapToLong(f -> f.result().granted()).sum()).isEqualTo(250);
    assertThat(buckets.takeUpTo(key, 1, 1.0, 0, 1).failed()).isTrue();
    assertThat(buckets.takeUpTo(key, 10, 1.0, 5, 4).failed()).isTrue();
  }
}
