package vn.lienlac.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.platform.idempotency.IdempotencyPurge;
import vn.lienlac.api.testing.ApiTestServer;

class IdempotencyTest {

  static PlatformTestApi platform;
  static String alice;
  static String bob;

  @BeforeAll
  static void start() {
    platform = new PlatformTestApi("idempotency");
    alice = platform.api.token(Caller.guardian(1001, "session-a"));
    bob = platform.api.token(Caller.guardian(1002, "session-b"));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String unique() {
    return UUID.randomUUID().toString();
  }

  @Test
  void the_same_key_and_body_return_the_first_result_without_running_the_handler_again() {
    String text = unique();
    String key = unique();
    String body = new JsonObject().put("text", text).encode();

    HttpResponse<String> first = platform.post("/api/v1/notes", alice, key, body);
    HttpResponse<String> retry = platform.post("/api/v1/notes", alice, key, body);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
    assertThat(retry.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(platform.notes(text)).isEqualTo(1);
  }

  @Test
  void the_same_key_with_a_different_body_is_409_and_runs_nothing() {
    String key = unique();
    String text = unique();
    assertThat(platform.post("/api/v1/notes", alice, key, new JsonObject().put("text", text).encode()).statusCode())
        .isEqualTo(201);

    HttpResponse<String> other = platform.post("/api/v1/notes", alice, key, new JsonObject().put("text", text + "!").encode());

    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new JsonObject(other.body()).getString("type")).endsWith("/idempotency-key-reused");
    assertThat(platform.notes(text + "!")).isZero();
  }

  @Test
  void concurrent_identical_requests_have_one_effect_and_the_others_are_told_it_is_in_progress() throws Exception {
    String key = unique();
    String text = unique();
    String body = new JsonObject().put("text", text).put("delayMs", 500).encode();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        sent.add(CompletableFuture.supplyAsync(() -> platform.post("/api/v1/notes", alice, key, body), pool));
      }
    }
    List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();

    assertThat(platform.notes(text)).isEqualTo(1);
    // On a busy machine some requests may arrive after the first finished and get its replay instead.
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 409).contains(201);
    for (HttpResponse<String> answer : answers) {
      if (answer.statusCode() == 409) {
        assertThat(new JsonObject(answer.body()).getString("type")).endsWith("/idempotency-key-in-progress");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
      }
    }
    HttpResponse<String> afterwards = platform.post("/api/v1/notes", alice, key, body);
    assertThat(afterwards.statusCode()).isEqualTo(201);
    assertThat(answers.stream().filter(a -> a.statusCode() == 201).map(HttpResponse::body)).containsOnly(afterwards.body());
    assertThat(platform.notes(text)).isEqualTo(1);
  }

  @Test
  void a_retry_while_the_first_is_still_running_is_told_to_come_back_and_runs_nothing() throws Exception {
    String key = unique();
    String text = unique();
    String body = new JsonObject().put("text", text).put("delayMs", 3000).encode();
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
        () -> platform.post("/api/v1/notes", alice, key, body));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (claims(key) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    HttpResponse<String> retry = platform.post("/api/v1/notes", alice, key, body);

    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(retry.body()).getString("type")).endsWith("/idempotency-key-in-progress");
    assertThat(retry.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    assertThat(platform.notes(text)).isEqualTo(1);
  }

  private static long claims(String key) {
    return ApiTestServer.await(platform.api.pool.preparedQuery("SELECT count(*) FROM api.idempotency_key WHERE key = $1")
        .execute(Tuple.of(key))).iterator().next().getLong(0);
  }

  @Test
  void a_5xx_is_not_kept_so_a_retry_with_the_same_key_runs_again() {
    String key = unique();
    String text = unique();
    String body = new JsonObject().put("text", text).put("failFirst", true).encode();

    assertThat(platform.post("/api/v1/notes", alice, key, body).statusCode()).isEqualTo(503);
    HttpResponse<String> retry = platform.post("/api/v1/notes", alice, key, body);

    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(platform.notes(text)).isEqualTo(1);
  }

  @Test
  void keys_belong_to_their_caller_so_another_user_with_the_same_key_gets_their_own_result() {
    String key = unique();
    String text = unique();
    String body = new JsonObject().put("text", text).encode();

    HttpResponse<String> fromAlice = platform.post("/api/v1/notes", alice, key, body);
    HttpResponse<String> fromBob = platform.post("/api/v1/notes", bob, key, body);

    assertThat(fromBob.statusCode()).isEqualTo(201);
    assertThat(new JsonObject(fromBob.body()).getString("owner")).isEqualTo("g:1002");
    assertThat(new JsonObject(fromAlice.body()).getString("owner")).isEqualTo("g:1001");
    assertThat(platform.notes(text)).isEqualTo(2);
  }

  @Test
  void anonymous_calls_keep_their_keys_per_ip_address() {
    String key = unique();
    String text = unique();
    String body = new JsonObject().put("text", text).encode();

    HttpResponse<String> first = platform.post("/api/v1/public-notes", null, key, body);
    HttpResponse<String> retry = platform.post("/api/v1/public-notes", null, key, body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(platform.notes(text)).isEqualTo(1);
    assertThat(ApiTestServer.await(platform.api.pool.preparedQuery(
        "SELECT scope FROM api.idempotency_key WHERE key = $1").execute(Tuple.of(key))).iterator().next().getString(0))
        .isEqualTo("ip:127.0.0.1");
  }

  @Test
  void without_a_key_every_request_runs() {
    String text = unique();
    String body = new JsonObject().put("text", text).encode();
    platform.post("/api/v1/notes", alice, null, body);
    platform.post("/api/v1/notes", alice, null, body);
    assertThat(platform.notes(text)).isEqualTo(2);
  }

  @Test
  void a_key_longer_than_128_characters_is_refused_naming_the_header() {
    String text = unique();
    HttpResponse<String> r = platform.post("/api/v1/notes", alice, "k".repeat(129), new JsonObject().put("text", text).encode());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Idempotency-Key");
    assertThat(platform.notes(text)).isZero();
  }

  @Test
  void records_older_than_a_day_are_purged_and_their_key_may_be_used_afresh() {
    String key = unique();
    String text = unique();
    String body = new JsonObject().put("text", text).encode();
    platform.post("/api/v1/notes", alice, key, body);
    String stale = unique();
    platform.api.sql("UPDATE api.idempotency_key SET created_at = now() - interval '25 hours' WHERE key = '" + key + "'",
        "INSERT INTO api.idempotency_key (scope, key, request_hash, created_at) VALUES ('g:9', '" + stale
            + "', '\\x00', now() - interval '30 hours')");

    HttpResponse<String> afresh = platform.post("/api/v1/notes", alice, key, body);
    assertThat(afresh.statusCode()).isEqualTo(201);
    assertThat(afresh.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(platform.notes(text)).isEqualTo(2);

    assertThat(ApiTestServer.await(IdempotencyPurge.purgeNow(platform.api.pool))).isGreaterThanOrEqualTo(1);
    assertThat(ApiTestServer.await(platform.api.pool.preparedQuery(
        "SELECT count(*) FROM api.idempotency_key WHERE key = ANY($1)").execute(Tuple.of(new String[] {key, stale})))
        .iterator().next().getLong(0)).isEqualTo(1); // the fresh record of the reused key stays
  }
}
