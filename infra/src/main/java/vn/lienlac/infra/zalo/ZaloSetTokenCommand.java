package vn.lienlac.infra.zalo;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.lienlac.delivery.zalo.ZaloTokens;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.runtime.Connections;

@Command(name = "set-token", mixinStandardHelpOptions = true,
    description = {"Lưu refresh token của OA / stores an OA's refresh token, read from standard input.",
        "Use it after authorising the OA for the app (first setup), or when the stored refresh token was lost",
        "(a workers process stopped between Zalo's refresh answer and storing it). The next send refreshes with it."})
public final class ZaloSetTokenCommand implements Callable<Integer> {

  /** Where {@code --refresh-token-stdin} reads; tests replace it. */
  static InputStream stdin = System.in;

  @Spec
  CommandSpec spec;

  @Option(names = "--pg-url", paramLabel = "URL", description = "Our database (default: LIENLAC_PG_URL).")
  String pgUrl;

  @Option(names = "--oa", required = true, description = "The OA id.")
  String oaId;

  @Option(names = "--app-id", description = "The Zalo app id (default: LIENLAC_ZALO_APP_ID).")
  String appId;

  @Option(names = "--refresh-token-stdin", required = true,
      description = "Read the refresh token from the first line of standard input (never from the command line).")
  boolean fromStdin;

  @Override
  public Integer call() {
    LienlacConfig config = LienlacConfig.load();
    if (pgUrl != null) {
      config = config.with(Setting.PG_URL, pgUrl, "--pg-url");
    }
    if (appId != null) {
      config = config.with(Setting.ZALO_APP_ID, appId, "--app-id");
    }
    config.require(List.of(Setting.PG_URL, Setting.ZALO_APP_ID));
    String token = firstLine();
    Vertx vertx = Connections.commandVertx();
    try {
      ZaloTokens.install(Connections.ours(vertx, config), oaId, config.string(Setting.ZALO_APP_ID), token).await();
    } finally {
      vertx.close().await();
    }
    spec.commandLine().getOut().println("refresh token of OA " + oaId + " stored; the next Zalo send refreshes with it");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String firstLine() {
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw new IllegalArgumentException("--refresh-token-stdin: no refresh token on standard input");
      }
      return line.strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the refresh token from standard input: " + e.getMessage(), e);
    }
  }
}
