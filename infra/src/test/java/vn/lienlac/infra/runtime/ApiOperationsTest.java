package vn.lienlac.infra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;

class ApiOperationsTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private PgUrl database;
  private LienlacRuntime runtime;

  @BeforeEach
  void start() {
    database = TestServices.freshDatabase("api_ops");
    LienlacConfig config = LienlacConfig.from(Map.of(
        "LIENLAC_PG_URL", database.uri(),
        "LIENLAC_REDIS_URL", TestServices.redis(),
        "LIENLAC_HTTP_HOST", "127.0.0.1",
        "LIENLAC_HTTP_PORT", "0",
        "LIENLAC_SHUTDOWN_GRACE", "PT2S",
        "LIENLAC_JWT_SIGNING_KEY", vn.lienlac.api.auth.SigningKey.generate().toPem()), Map.of(), "none");
    runtime = LienlacRuntime.start(config, Role.API);
  }

  @AfterEach
  void stop() {
    runtime.close();
    TestServices.dropDatabase(database);
  }

  @Test
  void live_answers_at_once_and_ready_waits_for_migrations() throws Exception {
    assertThat(get("/health/live", Map.of()).statusCode()).isEqualTo(200);

    HttpResponse<String> before = get("/health/ready", Map.of());
    assertThat(before.statusCode()).isEqualTo(503);
    JsonObject checks = new JsonObject(before.body()).getJsonObject("checks");
    assertThat(checks.getString("postgres")).isEqualTo("up");
    assertThat(checks.getString("redis")).isEqualTo("up");
    assertThat(checks.getString("migrations")).contains("pending").contains("./lienlac migrate");

    ModuleMigrations.of(database).migrate();
    Thread.sleep(10_500); // the migration state is re-read at most every 10 s
    HttpResponse<String> after = get("/health/ready", Map.of());
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
  }

  @Test
  void metrics_are_served_in_prometheus_format() throws Exception {
    get("/health/live", Map.of());
    HttpResponse<String> metrics = get("/metrics", Map.of());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("vertx_http_server_requests_total");
  }

  @Test
  void an_unknown_path_gets_a_problem_document_in_vietnamese_or_english_with_the_request_id() throws Exception {
    HttpResponse<String> vi = get("/khong-co", Map.of("X-Request-Id", "test-request-0001"));
    assertThat(vi.statusCode()).isEqualTo(404);
    assertThat(vi.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(vi.headers().firstValue("x-request-id")).hasValue("test-request-0001");
    JsonObject problem = new JsonObject(vi.body());
    assertThat(problem.getString("title")).isEqualTo("Không tìm thấy tài nguyên");
    assertThat(problem.getString("requestId")).isEqualTo("test-request-0001");
    assertThat(problem.getString("type")).endsWith("/not-found");

    HttpResponse<String> en = get("/khong-co", Map.of("Accept-Language", "en-US,en;q=0.9"));
    assertThat(new JsonObject(en.body()).getString("title")).isEqualTo("Resource not found");
    assertThat(en.headers().firstValue("x-request-id")).isPresent();
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
