package vn.lienlac.infra.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;
import vn.lienlac.api.auth.password.Argon2id;
import vn.lienlac.api.signin.StaffAccountAdmin;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.runtime.Connections;

/** What every staff command shares: where our database is, and running one admin action against it. */
final class StaffDatabase {

  /** Where {@code --password-stdin} reads; tests replace it. */
  static InputStream stdin = System.in;

  @Option(names = "--pg-url", paramLabel = "URL", description = "Our database (default: LIENLAC_PG_URL).")
  String pgUrl;

  <T> T run(Function<StaffAccountAdmin, Future<T>> action) {
    LienlacConfig config = LienlacConfig.load();
    if (pgUrl != null) {
      config = config.with(Setting.PG_URL, pgUrl, "--pg-url");
    }
    config.require(List.of(Setting.PG_URL));
    Vertx vertx = Connections.commandVertx();
    try {
      return action.apply(new StaffAccountAdmin(Connections.ours(vertx, config), Argon2id.Cost.RECOMMENDED)).await();
    } finally {
      vertx.close().await();
    }
  }

  /** The first line of standard input, so that a password never appears in the process list or shell history. */
  static String passwordFromStdin() {
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin: no password on standard input");
      }
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the password from standard input: " + e.getMessage(), e);
    }
  }
}
