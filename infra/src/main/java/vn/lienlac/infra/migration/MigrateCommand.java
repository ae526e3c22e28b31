package vn.lienlac.infra.migration;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.SchemaMigrations;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Áp dụng migration cơ sở dữ liệu / applies every module's database migrations.",
        "Each module owns a schema and a migration folder (db/<schema>); needs LIENLAC_PG_URL.",
        "Safe to run again and from several processes (Flyway locks the history table)."})
public final class MigrateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    LienlacConfig config = LienlacConfig.load();
    var url = Connections.oursUrl(config);
    for (SchemaMigrations.Applied applied : ModuleMigrations.of(url).migrate()) {
      System.out.printf("%-12s %d migration(s) applied, now at version %s%n",
          applied.schema(), applied.migrations(), applied.version());
    }
    return 0;
  }
}
