package vn.lienlac.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.platform.limits.RateLimits;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.infra.support.testing.TestServices;

class RateLimitTest {

  private static RateLimits limits(long userBurst, long ipBurst) {
    // A slow refill: nothing comes back during the test, so the bursts are exact.
    return new RateLimits(0.01, userBurst, 0.01, ipBurst, "test:" + UUID.randomUUID() + ":rl:");
  }

  @Test
  void a_user_over_their_limit_gets_429_with_retry_after_while_others_carry_on() {
    try (ApiTestServer api = ApiTestServer.start("ratelimit_user", limits(3, 1_000), TestServices.redis())) {
      String parent = api.token(Caller.guardian(1, "s1"));
      for (int i = 0; i < 3; i++) {
        assertThat(api.get("/api/v1/me", parent).statusCode()).isEqualTo(200);
      }

      HttpResponse<String> refused = api.get("/api/v1/me", parent);

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isGreaterThanOrEqualTo(1);
      JsonObject problem = new JsonObject(refused.body());
      assertThat(problem.getString("type")).endsWith("/too-many-requests");
      assertThat(problem.getLong("retryAfterSeconds")).isEqualTo(retryAfter);
      assertThat(api.get("/api/v1/me", api.token(Caller.guardian(2, "s2"))).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void an_address_over_its_limit_gets_429_even_before_authentication() {
    try (ApiTestServer api = ApiTestServer.start("ratelimit_ip", limits(1_000, 4), TestServices.redis())) {
      for (int i = 0; i < 4; i++) {
        assertThat(api.get("/api/v1/me", null).statusCode()).isEqualTo(401);
      }

      HttpResponse<String> refused = api.get("/api/v1/me", api.token(Caller.guardian(1, "s1")));

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(new JsonObject(refused.body()).getLong("retryAfterSeconds")).isPositive();
    }
  }

  @Test
  void without_redis_requests_go_through_unlimited() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ApiTestServer api = ApiTestServer.start("ratelimit_noredis", limits(1, 1), "redis://127.0.0.1:" + closedPort)) {
      String parent = api.token(Caller.guardian(1, "s1"));
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r = api.get("/api/v1/me", parent);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
    }
  }
}
