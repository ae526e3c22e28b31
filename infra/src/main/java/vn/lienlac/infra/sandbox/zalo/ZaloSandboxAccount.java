package vn.lienlac.infra.sandbox.zalo;

/**
 * The Zalo app and OA the sandbox knows. {@code initialRefreshToken} is what authorising the OA would
 * give; the demo stores it ({@code ZaloTokens.install}) and every refresh replaces it.
 */
public record ZaloSandboxAccount(String appId, String appSecret, String oaId, String oaSecret, String initialRefreshToken) {

  public static final ZaloSandboxAccount DEMO = new ZaloSandboxAccount("1234567890123456789", "sandbox-zalo-app-secret",
      "9876543210987654321", "sandbox-zalo-oa-secret", "sandbox-refresh-0");
}
