package vn.lienlac.infra.messages;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.messaging.announcement.MessagePurge;

@Command(name = "purge", mixinStandardHelpOptions = true,
    description = {"Xoá tin nhắn cũ / removes messages created before a date (UTC), with their recipient rows,",
        "counts and audience, in small batches with short pauses: the inbox keeps working meanwhile."})
public final class PurgeMessagesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--before", required = true, paramLabel = "YYYY-MM-DD", description = "Remove messages created before this day.")
  String before;

  @Option(names = "--batch", defaultValue = "10000", description = "Recipient rows per transaction (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--pause-ms", defaultValue = "20", description = "Pause between batches in milliseconds (default ${DEFAULT-VALUE}).")
  long pauseMs;

  @Option(names = "--pg-url", paramLabel = "URL", description = "Our database (default: LIENLAC_PG_URL).")
  String pgUrl;

  @Override
  public Integer call() {
    LocalDate cutoff;
    try {
      cutoff = LocalDate.parse(before);
    } catch (DateTimeParseException e) {
      throw new UserFacingException("--before must be a date like 2025-08-01, got '" + before + "'");
    }
    if (batch < 1 || pauseMs < 0) {
      throw new UserFacingException("--batch must be at least 1 and --pause-ms not negative");
    }
    LienlacConfig config = LienlacConfig.load();
    if (pgUrl != null) {
      config = config.with(Setting.PG_URL, pgUrl, "--pg-url");
    }
    config.require(List.of(Setting.PG_URL));
    Vertx vertx = Connections.commandVertx();
    try {
      MessagePurge.Removed removed = new MessagePurge(vertx, Connections.ours(vertx, config), batch,
          Duration.ofMillis(pauseMs)).before(cutoff).await();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("removed %d messages and %d recipient rows created before %s%n", removed.messages(),
          removed.recipients(), cutoff);
      out.flush();
      return 0;
    } finally {
      vertx.close().await();
    }
  }
}
