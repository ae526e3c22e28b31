package vn.lienlac.infra.sandbox.bank;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;

/**
 * The fake bank in {@code ./lienlac demo}: settings of the API and the bank point at each other (the
 * bank notifies our public base URL with the webhook secrets the API accepts; the workers' bank pull
 * reads the bank's SePay twin). Secrets the operator set are kept; the rest get demo values.
 */
public final class SandboxBankDemo implements AutoCloseable {

  static final String DEMO_PAYOS_KEY = "demo-payos-checksum-key";
  static final String DEMO_SEPAY_KEY = "demo-sepay-webhook-key";
  static final String DEMO_VIETQR_USER = "vietqr-demo";
  static final String DEMO_VIETQR_PASSWORD = "vietqr-demo-password";
  static final String DEMO_API_TOKEN = "demo-sepay-api-token";

  private final Vertx vertx;
  private final FakeBankServer server;

  private SandboxBankDemo(Vertx vertx, FakeBankServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** The demo's settings with the webhook secrets, public base URL and bank pull aimed at the fake bank. */
  public static LienlacConfig configure(LienlacConfig config) {
    LienlacConfig c = config;
    c = orDemo(c, Setting.PAYOS_CHECKSUM_KEY, DEMO_PAYOS_KEY);
    c = orDemo(c, Setting.SEPAY_WEBHOOK_API_KEY, DEMO_SEPAY_KEY);
    c = orDemo(c, Setting.VIETQR_SYNC_USERNAME, DEMO_VIETQR_USER);
    c = orDemo(c, Setting.VIETQR_SYNC_PASSWORD, DEMO_VIETQR_PASSWORD);
    c = orDemo(c, Setting.SEPAY_API_TOKEN, DEMO_API_TOKEN);
    if ("default".equals(c.source(Setting.PUBLIC_BASE_URL))) {
      c = c.with(Setting.PUBLIC_BASE_URL, "http://127.0.0.1:" + c.integer(Setting.HTTP_PORT), "demo");
    }
    if ("default".equals(c.source(Setting.SEPAY_API_URL))) {
      c = c.with(Setting.SEPAY_API_URL, "http://127.0.0.1:" + c.integer(Setting.SANDBOX_BANK_PORT)
          + FakeBankServer.BASE_PATH + "/v2", "demo");
    }
    if ("default".equals(c.source(Setting.BANK_PULL_INTERVAL))) {
      c = c.with(Setting.BANK_PULL_INTERVAL, "PT1M", "demo");
    }
    return c;
  }

  /** Starts the fake bank of a {@link #configure configured} demo. */
  public static SandboxBankDemo start(LienlacConfig config) {
    FakeBankOptions options = new FakeBankOptions("127.0.0.1", config.integer(Setting.SANDBOX_BANK_PORT),
        FakeBankOptions.Style.parse(config.string(Setting.SANDBOX_BANK_WEBHOOK)), config.string(Setting.PUBLIC_BASE_URL),
        config.string(Setting.PAYOS_CHECKSUM_KEY), config.string(Setting.SEPAY_WEBHOOK_API_KEY),
        config.has(Setting.SEPAY_WEBHOOK_HMAC_SECRET) ? config.string(Setting.SEPAY_WEBHOOK_HMAC_SECRET) : null,
        config.string(Setting.VIETQR_SYNC_USERNAME), config.string(Setting.VIETQR_SYNC_PASSWORD),
        config.string(Setting.SEPAY_API_TOKEN), 3, Duration.ofSeconds(1), 8);
    Vertx vertx = Vertx.vertx();
    FakeBankServer server = new FakeBankServer(options, Clock.systemUTC());
    try {
      vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the fake bank could not start on port " + options.port() + ": " + e.getMessage(), e);
    }
    return new SandboxBankDemo(vertx, server);
  }

  /** What to print in the demo banner. */
  public String describe() {
    return "Ngân hàng giả / fake bank: POST http://127.0.0.1:" + server.actualPort() + FakeBankServer.BASE_PATH
        + "/pay {\"vietqr\":\"<payload>\"} or {\"account\",\"amount\",\"memo\"} (add \"delivery\":\"drop\" to lose the webhook);"
        + " ledger: GET " + FakeBankServer.BASE_PATH + "/ledger";
  }

  private static LienlacConfig orDemo(LienlacConfig config, Setting setting, String value) {
    return config.has(setting) ? config : config.with(setting, value, "demo");
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
