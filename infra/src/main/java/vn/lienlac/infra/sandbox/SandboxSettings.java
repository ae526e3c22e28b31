package vn.lienlac.infra.sandbox;

import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.sandbox.fcm.FcmSandboxAccount;
import vn.lienlac.infra.sandbox.fcm.FcmTwin;

/** Points every provider setting at a running sandbox (the demo, and tests that assemble the runtime). */
public final class SandboxSettings {

  private SandboxSettings() {}

  public static LienlacConfig pointAt(LienlacConfig config, String sandboxUrl, SandboxAccounts accounts) {
    return config.with(Setting.ESMS_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.ESMS_API_KEY, accounts.esmsApiKey(), "sandbox")
        .with(Setting.ESMS_SECRET_KEY, accounts.esmsSecretKey(), "sandbox")
        .with(Setting.ESMS_BRANDNAME, accounts.esmsBrandname(), "sandbox")
        .with(Setting.TWILIO_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.TWILIO_ACCOUNT_SID, accounts.twilioAccountSid(), "sandbox")
        .with(Setting.TWILIO_AUTH_TOKEN, accounts.twilioAuthToken(), "sandbox")
        .with(Setting.TWILIO_FROM, accounts.twilioFrom(), "sandbox")
        .with(Setting.FCM_SERVICE_ACCOUNT_FILE, "classpath:" + FcmSandboxAccount.RESOURCE, "sandbox")
        .with(Setting.FCM_BASE_URL, sandboxUrl, "sandbox")
        .with(Setting.FCM_TOKEN_URL, sandboxUrl + FcmTwin.TOKEN_PATH, "sandbox");
  }
}
