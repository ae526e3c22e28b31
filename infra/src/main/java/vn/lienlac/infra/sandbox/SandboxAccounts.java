package vn.lienlac.infra.sandbox;

/**
 * The only credentials the sandbox providers accept, as the real ones accept only an account's own.
 * `./lienlac demo` and `./lienlac sandbox` use {@link #DEMO}; the demo points the SMS settings at them.
 */
public record SandboxAccounts(String esmsApiKey, String esmsSecretKey, String esmsBrandname,
                              String twilioAccountSid, String twilioAuthToken, String twilioFrom) {

  public static final SandboxAccounts DEMO = new SandboxAccounts("SANDBOX-ESMS-KEY", "sandbox-esms-secret",
      "LienLac", "AC00000000000000000000000000000000", "sandbox-twilio-token", "+15005550006");
}
