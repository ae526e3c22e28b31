package vn.lienlac.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** Refresh-token rotation, reuse detection, logout and revocation of access tokens. */
class SessionsTest {

  ApiTestServer api;
  SignInClient app;

  @BeforeEach
  void start() {
    // Several sign-ins per test with one phone: the per-phone throttle is not what these tests are about.
    api = ApiTestServer.start("sessions", s -> s.withLimits(new SignInSettings.Limit(100, Duration.ofMinutes(15)),
        s.otpPerIp(), s.otpVerifyPerIp(), s.passwordPerUsername(), s.passwordPerIp()));
    TestDistrict.create(api);
    app = new SignInClient(api);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void every_refresh_returns_a_new_refresh_token_and_uses_up_the_old_one() {
    JsonObject first = app.signIn(TestDistrict.G1_PHONE);

    HttpResponse<String> r = app.refresh(first.getString("refreshToken"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject second = new JsonObject(r.body());
    assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    assertThat(second.getString("sessionId")).isEqualTo(first.getString("sessionId"));
    assertThat(api.get("/api/v1/me", second.getString("accessToken")).statusCode()).isEqualTo(200);

    HttpResponse<String> third = app.refresh(second.getString("refreshToken"));
    assertThat(third.statusCode()).isEqualTo(200);
  }

  @Test
  void a_reused_refresh_token_revokes_the_whole_family_and_its_access_tokens() {
    JsonObject first = app.signIn(TestDistrict.G1_PHONE);
    JsonObject second = new JsonObject(app.refresh(first.getString("refreshToken")).body());
    assertThat(api.get("/api/v1/me", second.getString("accessToken")).statusCode()).isEqualTo(200);

    HttpResponse<String> reuse = app.refresh(first.getString("refreshToken"));

    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(reuse.body()).getString("type")).endsWith("/refresh-token-invalid");
    assertThat(app.refresh(second.getString("refreshToken")).statusCode()).as("the newest token dies too").isEqualTo(401);
    assertThat(api.get("/api/v1/me", second.getString("accessToken")).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/v1/me", first.getString("accessToken")).statusCode()).isEqualTo(401);

    JsonObject otherSession = app.signIn(TestDistrict.G1_PHONE);
    assertThat(api.get("/api/v1/me", otherSession.getString("accessToken")).statusCode())
        .as("other sessions of the same guardian live on").isEqualTo(200);
  }

  @Test
  void two_refreshes_racing_with_one_token_never_both_win() throws Exception {
    for (int round = 0; round < 5; round++) {
      String token = app.signIn(TestDistrict.G1_PHONE).getString("refreshToken");
      int racers = 6;
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        results.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return app.refresh(token).statusCode();
        }));
      }
      go.countDown();
      List<Integer> statuses = results.stream().map(CompletableFuture::join).toList();
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 401).hasSize(racers - 1);
    }
  }

  @Test
  void logout_ends_the_session_its_refresh_token_and_its_access_token() {
    JsonObject tokens = app.signIn(TestDistrict.G1_PHONE);
    String access = tokens.getString("accessToken");

    HttpResponse<String> out = api.send(HttpRequest.newBuilder(api.uri("/api/v1/auth/logout"))
        .POST(HttpRequest.BodyPublishers.noBody()), access, Map.of());

    assertThat(out.statusCode()).as(out.body()).isEqualTo(204);
    assertThat(api.get("/api/v1/me", access).statusCode()).isEqualTo(401);
    assertThat(app.refresh(tokens.getString("refreshToken")).statusCode()).isEqualTo(401);
  }

  @Test
  void logout_needs_a_signed_in_caller() {
    HttpResponse<String> out = api.send(HttpRequest.newBuilder(api.uri("/api/v1/auth/logout"))
        .POST(HttpRequest.BodyPublishers.noBody()), null, Map.of());
    assertThat(out.statusCode()).isEqualTo(401);
  }

  @Test
  void an_expired_or_unknown_refresh_token_is_refused_without_ending_the_session() {
    JsonObject tokens = app.signIn(TestDistrict.G1_PHONE);
    api.sql("UPDATE api.refresh_token SET expires_at = now() - interval '1 second'");

    assertThat(app.refresh(tokens.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(app.refresh("A".repeat(43)).statusCode()).isEqualTo(401);
    assertThat(app.refresh("too-short").statusCode()).isEqualTo(400);
    assertThat(api.get("/api/v1/me", tokens.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_guardian_removed_from_the_directory_cannot_refresh() {
    JsonObject tokens = app.signIn(TestDistrict.G1_PHONE);
    api.sql("UPDATE directory.guardian SET removed_at = now() WHERE id = " + TestDistrict.G1);

    assertThat(app.refresh(tokens.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/v1/me", tokens.getString("accessToken")).statusCode()).isEqualTo(401);
  }

  @Test
  void when_redis_cannot_answer_revocation_is_read_from_postgresql() {
    JsonObject tokens = app.signIn(TestDistrict.G1_PHONE);
    String session = tokens.getString("sessionId");
    api.sql("UPDATE api.session SET revoked_at = now(), revoked_reason = 'logout' WHERE id = '" + session + "'");
    Redis nowhere = Redis.createClient(api.vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
    SessionRevocation revocation = new SessionRevocation(nowhere, api.pool, "test:", Duration.ofMinutes(15));

    assertThat(ApiTestServer.await(revocation.isRevoked(session))).isTrue();
    assertThat(ApiTestServer.await(revocation.isRevoked("no-such-session"))).isFalse();
    ApiTestServer.await(revocation.markRevoked(session)); // logs, does not fail
    nowhere.close();
  }

  @Test
  void housekeeping_deletes_old_codes_and_long_expired_refresh_tokens_but_keeps_used_ones_until_then() {
    JsonObject first = app.signIn(TestDistrict.G1_PHONE);
    JsonObject second = new JsonObject(app.refresh(first.getString("refreshToken")).body());
    api.sql("UPDATE api.otp_challenge SET created_at = now() - interval '2 days'");
    SignInHousekeeping housekeeping = new SignInHousekeeping(api.pool, Duration.ofHours(1));

    SignInHousekeeping.Purged kept = ApiTestServer.await(housekeeping.purge());
    assertThat(kept).isEqualTo(new SignInHousekeeping.Purged(1, 0));

    api.sql("UPDATE api.refresh_token SET expires_at = now() - interval '2 days' WHERE used_at IS NOT NULL");
    assertThat(ApiTestServer.await(housekeeping.purge())).isEqualTo(new SignInHousekeeping.Purged(0, 1));
    assertThat(app.refresh(second.getString("refreshToken")).statusCode()).as("the live token is untouched").isEqualTo(200);
  }
}
