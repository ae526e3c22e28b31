package vn.lienlac.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;

class ApiDocsTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("docs");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void docs_is_an_html_page_pointing_swagger_ui_at_our_contract() {
    HttpResponse<String> page = api.get("/docs/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("/docs/assets/swagger-ui-bundle.js").doesNotContain("https://");

    HttpResponse<String> init = api.get("/docs/init.js", null);
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.body()).contains("/api/v1/openapi.yaml");
  }

  @Test
  void docs_without_slash_redirects_to_the_page() {
    HttpResponse<String> r = api.get("/docs", null);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/docs/");
  }

  @Test
  void swagger_ui_assets_are_served_from_the_jar() {
    HttpResponse<String> script = api.get("/docs/assets/swagger-ui-bundle.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
    assertThat(script.body()).contains("SwaggerUIBundle");

    HttpResponse<String> css = api.get("/docs/assets/swagger-ui.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("text/css"));
    assertThat(api.get("/docs/assets/swagger-ui-standalone-preset.js", null).statusCode()).isEqualTo(200);
  }

  @Test
  void a_missing_asset_is_a_404() {
    assertThat(api.get("/docs/assets/nothing.js", null).statusCode()).isEqualTo(404);
  }
}
