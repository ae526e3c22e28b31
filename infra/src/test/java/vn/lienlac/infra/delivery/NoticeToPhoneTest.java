package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.LienlacRuntime;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.runtime.Role;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.SandboxServer;
import vn.lienlac.infra.sandbox.SandboxSettings;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.DistrictSchema;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.Notices;

/**
 * The demo's wiring end to end: the runtime of role {@code all} with settings pointing at the sandbox,
 * a notice handed to the notice API (as sign-in does), and its text in the sandbox outbox over HTTP.
 */
class NoticeToPhoneTest {

  Vertx vertx;
  PgUrl ours;
  PgUrl district;
  SandboxServer sandbox;
  LienlacRuntime runtime;
  Pool pool;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ours = TestServices.freshDatabase("notice_e2e");
    district = TestServices.freshDatabase("notice_e2e_district");
    TestServices.execute(district, DistrictSchema.ddl());
    ModuleMigrations.of(ours).migrate();
    sandbox = SandboxServer.start(vertx, SandboxAccounts.DEMO, "127.0.0.1", 0).await();
    LienlacConfig config = SandboxSettings.pointAt(LienlacConfig.from(Map.of(
        "LIENLAC_PG_URL", ours.uri(),
        "LIENLAC_REDIS_URL", TestServices.redis(),
        "LIENLAC_DISTRICT_PG_URL", district.uri(),
        "LIENLAC_HTTP_HOST", "127.0.0.1",
        "LIENLAC_HTTP_PORT", "0",
        "LIENLAC_SHUTDOWN_GRACE", "PT2S",
        "LIENLAC_JWT_SIGNING_KEY", vn.lienlac.api.auth.SigningKey.generate().toPem()), Map.of(), "none"),
        sandbox.url(), SandboxAccounts.DEMO);
    runtime = LienlacRuntime.start(config, Role.ALL);
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(ours.uri())).using(vertx).build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    vertx.close().await();
    TestServices.dropDatabase(ours);
    TestServices.dropDatabase(district);
  }

  @Test
  void a_sign_in_code_handed_to_the_notice_api_appears_in_the_sandbox_outbox_of_that_phone() {
    Notices.create(pool).send(new Notice("+84987654321", null, "otp", Map.of("code", "654321", "minutes", "5"), "en",
        "otp:e2e")).await();

    WebClient http = WebClient.create(vertx);
    DeliveryFixture.awaitTrue("the code in the outbox", Duration.ofSeconds(20), () -> !http
        .getAbs(sandbox.url() + "/sandbox/outbox?to=%2B84987654321").send().await().bodyAsJsonArray().isEmpty());

    JsonArray outbox = http.getAbs(sandbox.url() + "/sandbox/outbox?to=%2B84987654321").send().await().bodyAsJsonArray();
    assertThat(outbox).hasSize(1);
    assertThat(outbox.getJsonObject(0).getString("text"))
        .isEqualTo("Your Lien Lac sign-in code is 654321. It is valid for 5 minutes. Do not share this code with anyone.");
    assertThat(outbox.getJsonObject(0).getString("provider")).isEqualTo("esms");
  }
}
