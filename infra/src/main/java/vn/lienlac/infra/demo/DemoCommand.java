package vn.lienlac.infra.demo;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.config.ProjectPaths;
import vn.lienlac.infra.district.DirectorySyncRunner;
import vn.lienlac.infra.district.SyncProgressPrinter;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.infra.runtime.LienlacRuntime;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.runtime.Role;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.SandboxServer;
import vn.lienlac.infra.sandbox.SandboxSettings;
import vn.lienlac.infra.sandbox.bank.SandboxBankDemo;
import vn.lienlac.infra.seed.DistrictSeeder;
import vn.lienlac.infra.seed.SeedOptions;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.embedded.EmbeddedPostgresServer;
import vn.lienlac.infra.support.embedded.EmbeddedRedisServer;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Chạy thử toàn bộ hệ thống / runs the whole system on this machine with nothing but a JDK.",
        "Embedded PostgreSQL and Redis (real binaries from Maven Central, on free ports), a seeded sandbox",
        "district database, the directory sync, delivery to sandbox SMS providers (their page shows what each",
        "phone received, e.g. sign-in codes) and the HTTP API on LIENLAC_HTTP_PORT (default 8080).",
        "Data lives in <project>/var/demo (LIENLAC_DATA_DIR); a second run reuses it.",
        "Ctrl-C stops everything and leaves nothing running."})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--schools", defaultValue = "10", description = "Schools in the sandbox district (first run only). Default: ${DEFAULT-VALUE}.")
  int schools;

  @Option(names = "--students-per-school", defaultValue = "300",
      description = "Students per school (first run only). Default: ${DEFAULT-VALUE}.")
  int studentsPerSchool;

  @Override
  public Integer call() throws Exception {
    LienlacConfig config = LienlacConfig.load();
    Path dataDir = ProjectPaths.resolve(config.string(Setting.DATA_DIR)).resolve("demo");
    System.err.println("Khởi động PostgreSQL và Redis nhúng / starting embedded PostgreSQL and Redis (data in "
        + dataDir + ")…");
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
        EmbeddedPostgresServer.Durability.DURABLE);
    EmbeddedRedisServer redis;
    try {
      redis = EmbeddedRedisServer.start();
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    LienlacRuntime runtime = null;
    Vertx sandboxVertx = Vertx.vertx();
    SandboxServer sandbox = null;
    SandboxBankDemo bank = null;
    try {
      sandbox = SandboxServer.start(sandboxVertx, SandboxAccounts.DEMO, "127.0.0.1", 0).await(30, TimeUnit.SECONDS);
      PgUrl server = postgres.url("postgres");
      LocalDatabases.create(server, "lienlac", false);
      LocalDatabases.create(server, "district", false);
      PgUrl ours = server.withDatabase("lienlac");
      PgUrl district = server.withDatabase("district");
      config = config.with(Setting.PG_URL, ours.uri(), "demo")
          .with(Setting.REDIS_URL, redis.url(), "demo")
          .with(Setting.DISTRICT_PG_URL, district.uri(), "demo")
          .with(Setting.JWT_SIGNING_KEY, vn.lienlac.infra.runtime.ApiKeys.demoKeyFile(dataDir).toString(), "demo");
      config = SandboxSettings.pointAt(config, sandbox.url(), SandboxAccounts.DEMO);
      config = SandboxBankDemo.configure(config);
      if (config.integer(Setting.HTTP_PORT) > 0 && !config.has(Setting.PUBLIC_BASE_URL)) {
        config = config.with(Setting.PUBLIC_BASE_URL, "http://127.0.0.1:" + config.integer(Setting.HTTP_PORT), "demo");
      }

      ModuleMigrations.of(ours).migrate();
      if (!hasDistrictData(district)) {
        System.err.printf("Tạo CSDL ngành mẫu / seeding a sandbox district: %d schools × %d students…%n",
            schools, studentsPerSchool);
        new DistrictSeeder(district, new SeedOptions(schools, studentsPerSchool, 2026, false)).seed(System.err::println);
      }
      System.err.println("Đồng bộ danh bạ / syncing the directory…");
      SyncProgressPrinter printer = new SyncProgressPrinter(System.err);
      printer.finished(DirectorySyncRunner.run(config, SyncMode.AUTO, null, printer));
      DemoAccounts.Shown accounts = DemoAccounts.ensure(config);
      DemoFees.ensure(config);
      SandboxSettings.authoriseZalo(sandboxVertx, config, sandbox);
      runtime = LienlacRuntime.start(config, Role.ALL);
      sandbox.zalo().webhookUrl("http://127.0.0.1:" + runtime.httpPort() + "/webhooks/zalo");
      bank = SandboxBankDemo.start(config);
      System.out.println(bank.describe());
      DemoBanner.print(System.out, runtime.httpPort(), sandbox.url(), ours, district, redis.url(), dataDir, accounts);
    } catch (RuntimeException e) {
      if (bank != null) {
        bank.close();
      }
      stop(runtime, sandboxVertx, redis, postgres);
      throw e;
    }
    LienlacRuntime started = runtime;
    SandboxBankDemo startedBank = bank;
    vn.lienlac.infra.launcher.ServeCommand.awaitShutdown(() -> {
      startedBank.close();
      stop(started, sandboxVertx, redis, postgres);
    });
    return 0;
  }

  private static boolean hasDistrictData(PgUrl district) {
    boolean tables = "true".equals(LocalDatabases.value(district, "SELECT (to_regclass('public.hoc_sinh') IS NOT NULL)::text"));
    return tables && "true".equals(LocalDatabases.value(district, "SELECT EXISTS (SELECT 1 FROM hoc_sinh)::text"));
  }

  private static void stop(LienlacRuntime runtime, Vertx sandbox, EmbeddedRedisServer redis,
                           EmbeddedPostgresServer postgres) {
    if (runtime != null) {
      runtime.close();
    }
    try {
      sandbox.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("the sandbox providers did not stop cleanly: " + e.getMessage());
    }
    redis.close();
    postgres.close();
    System.err.println("Đã dừng / stopped: API, workers, sandbox providers, Redis and PostgreSQL are down.");
  }
}
