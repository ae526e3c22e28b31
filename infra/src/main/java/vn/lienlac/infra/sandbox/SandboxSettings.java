package vn.lienlac.infra.sandbox;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import vn.lienlac.delivery.zalo.ZaloTokens;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.sandbox.zalo.ZaloSandboxAccount;
import vn.lienlac.infra.sandbox.fcm.FcmSandboxAccount;
import vn.lienlac.infra.sandbox.fcm.FcmTwin;

/** Points every provider setting at a running sandbox (the demo, and tests that assemble the runtime). */
public final class SandboxSettings {

  private SandboxSettings() {}

  public static LienlacConfig pointAt(LienlacConfig config, String sandboxUrl, SandboxAccounts accounts) {
    ZaloSandboxAccount zalo = ZaloSandboxAccount.DEMO;
    return config.with(Setting.ESMS_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.ESMS_API_KEY, accounts.esmsApiKey(), "sandbox")
        .with(Setting.ESMS_SECRET_KEY, accounts.esmsSecretKey(), "sandbox")
        .with(Setting.ESMS_BRANDNAME, accounts.esmsBrandname(), "sandbox")
        .with(Setting.TWILIO_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.TWILIO_ACCOUNT_SID, accounts.twilioAccountSid(), "sandbox")
        .with(Setting.TWILIO_AUTH_TOKEN, accounts.twilioAuthToken(), "sandbox")
        .with(Setting.TWILIO_FROM, accounts.twilioFrom(), "sandbox")
        .with(Setting.ZALO_OA_ID, zalo.oaId(), "sandbox")
        .with(Setting.ZALO_APP_ID, zalo.appId(), "sandbox")
        .with(Setting.ZALO_APP_SECRET, zalo.appSecret(), "sandbox")
        .with(Setting.ZALO_OA_SECRET, zalo.oaSecret(), "sandbox")
        .with(Setting.ZALO_OPENAPI_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.ZALO_ZNS_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.ZALO_OAUTH_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.FCM_SERVICE_ACCOUNT_FILE, "classpath:" + FcmSandboxAccount.RESOURCE, "sandbox")
        .with(Setting.FCM_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.FCM_TOKEN_URL, sandboxUrl + FcmTwin.TOKEN_PATH, "sandbox");
  }

  /**
   * Stores a fresh refresh token of the sandbox OA in our database, as an operator does with
   * {@code ./lienlac zalo set-token} after authorising a real OA (the sandbox forgets its tokens when
   * it stops, so every demo run authorises again).
   */
  public static void authoriseZalo(Vertx vertx, LienlacConfig config, SandboxServer sandbox) {
    Pool pool = Connections.ours(vertx, config);
    try {
      ZaloTokens.install(pool, sandbox.zalo().account().oaId(), sandbox.zalo().account().appId(),
          sandbox.zalo().authorise()).await();
    } finally {
      pool.close().await();
    }
  }
}
