package vn.lienlac.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

class ContractTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("contract");
    TestDistrict.create(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void the_contract_is_served_as_yaml() {
    HttpResponse<String> r = api.get("/api/v1/openapi.yaml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("yaml"));
    assertThat(r.body()).contains("openapi: 3.1.0").contains("operationId: getMe");
  }

  @Test
  void a_request_without_token_gets_401_problem_in_vietnamese() {
    HttpResponse<String> r = api.get("/api/v1/me", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getString("type")).endsWith("/unauthenticated");
    assertThat(problem.getString("title")).startsWith("Cần đăng nhập");
  }

  @Test
  void a_forged_or_foreign_token_is_refused() {
    String foreign = new vn.lienlac.api.auth.AccessTokens(vn.lienlac.api.auth.SigningKey.generate(),
        java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC()).issue(TestDistrict.guardian(TestDistrict.G1));
    assertThat(api.get("/api/v1/me", foreign).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/v1/me", "abc.def.ghi").statusCode()).isEqualTo(401);
  }

  @Test
  void a_valid_token_reaches_the_handler() {
    HttpResponse<String> r = api.get("/api/v1/me", api.token(TestDistrict.guardian(TestDistrict.G1)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("kind")).isEqualTo("guardian");
  }

  @Test
  void unknown_paths_under_v1_are_404_problems_in_english_when_asked() {
    HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/nothing-here")).GET(), null,
        Map.of("Accept-Language", "en"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(r.body()).getString("title")).isEqualTo("Resource not found");
  }
}
