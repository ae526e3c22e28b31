package vn.lienlac.infra.sandbox;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.launcher.ServeCommand;
import vn.lienlac.infra.sandbox.zalo.ZaloSandboxAccount;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Nhà cung cấp giả lập / the sandbox providers on their own: eSMS, Twilio and Zalo wire protocols,",
        "a page showing what each phone received (/sandbox), the same as JSON (/sandbox/outbox?to=+84…)",
        "and POST /sandbox/control to make a provider slow, failing, down or throttled. Ctrl-C stops it."})
public final class SandboxCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8090", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    SandboxServer server;
    try {
      server = SandboxServer.start(vertx, SandboxAccounts.DEMO, host, port).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the sandbox could not listen on " + host + ":" + port + ": " + e.getMessage());
    }
    printUsage(System.out, server.url().replace("127.0.0.1", host), SandboxAccounts.DEMO);
    ServeCommand.awaitShutdown(() -> {
      try {
        server.close().await(5, TimeUnit.SECONDS);
        vertx.close().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("sandbox did not stop cleanly: " + e.getMessage());
      }
    });
    return 0;
  }

  static void printUsage(PrintStream out, String url, SandboxAccounts accounts) {
    out.println("Nhà cung cấp giả lập đang chạy / sandbox providers are running");
    out.println("  Tin đã nhận / received messages: " + url + "/sandbox");
    out.println("  JSON:                           " + url + "/sandbox/outbox?to=%2B84912345678");
    out.println("  Điều khiển / control:           POST " + url + "/sandbox/control");
    out.println();
    out.println("Point Liên Lạc at it:");
    out.println("  export LIENLAC_ESMS_BASE_URL=" + url + " LIENLAC_ESMS_API_KEY=" + accounts.esmsApiKey()
        + " LIENLAC_ESMS_SECRET_KEY=" + accounts.esmsSecretKey() + " LIENLAC_ESMS_BRANDNAME=" + accounts.esmsBrandname());
    out.println("  # or LIENLAC_SMS_PROVIDER=twilio LIENLAC_TWILIO_BASE_URL=" + url + " LIENLAC_TWILIO_ACCOUNT_SID="
        + accounts.twilioAccountSid() + " LIENLAC_TWILIO_AUTH_TOKEN=" + accounts.twilioAuthToken()
        + " LIENLAC_TWILIO_FROM=" + accounts.twilioFrom());
    out.println("  # Zalo (OA " + ZaloSandboxAccount.DEMO.oaId() + "): LIENLAC_ZALO_OA_ID=" + ZaloSandboxAccount.DEMO.oaId()
        + " LIENLAC_ZALO_APP_ID=" + ZaloSandboxAccount.DEMO.appId() + " LIENLAC_ZALO_APP_SECRET=" + ZaloSandboxAccount.DEMO.appSecret()
        + " LIENLAC_ZALO_OA_SECRET=" + ZaloSandboxAccount.DEMO.oaSecret() + " LIENLAC_ZALO_OPENAPI_BASE_URL=" + url
        + " LIENLAC_ZALO_ZNS_BASE_URL=" + url + " LIENLAC_ZALO_OAUTH_BASE_URL=" + url);
    out.println("  #   then ./lienlac zalo set-token --oa " + ZaloSandboxAccount.DEMO.oaId() + " --refresh-token-stdin <<< "
        + ZaloSandboxAccount.DEMO.initialRefreshToken());
    out.println("  #   and POST " + url + "/sandbox/zalo/control {\"webhookUrl\": \"<our public base>/webhooks/zalo\"}");
    out.println("  # push: LIENLAC_FCM_SERVICE_ACCOUNT_FILE=classpath:sandbox/fcm-service-account.json LIENLAC_FCM_BASE_URL="
        + url + " LIENLAC_FCM_TOKEN_URL=" + url + "/token");
    out.println();
    out.println("Ctrl-C để dừng / to stop.");
  }
}
