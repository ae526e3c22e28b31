package vn.lienlac.infra.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.seed.DistrictSeeder;
import vn.lienlac.infra.seed.SeedOptions;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.SyncSummary;

/** A `district sync` process killed with SIGKILL halfway, then run again, ends like an uninterrupted one. */
class DistrictSyncCrashTest {

  static final List<String> COPY_TABLES = List.of("directory.school", "directory.school_class",
      "directory.student", "directory.guardian", "directory.guardian_student", "directory.teacher",
      "directory.teaching_assignment", "directory.sync_rejection");

  PgUrl district;
  PgUrl killed;
  PgUrl clean;

  @BeforeEach
  void seed() {
    district = TestServices.freshDatabase("crash_district");
    killed = TestServices.freshDatabase("crash_killed");
    clean = TestServices.freshDatabase("crash_clean");
    new DistrictSeeder(district, new SeedOptions(4, 250, 7, false)).seed(line -> {});
    ModuleMigrations.of(killed).migrate();
    ModuleMigrations.of(clean).migrate();
  }

  @AfterEach
  void drop() {
    TestServices.dropDatabase(district);
    TestServices.dropDatabase(killed);
    TestServices.dropDatabase(clean);
  }

  @Test
  void a_sync_killed_mid_table_and_run_again_ends_in_the_same_state_as_an_uninterrupted_one() throws Exception {
    long guardiansUpstream = Long.parseLong(LocalDatabases.value(district, "SELECT count(*) FROM phu_huynh"));
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main",
        "district", "sync", "--page-size", "10", "--pg-url", killed.uri(), "--district-url", district.uri())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitGuardiansCopied(guardiansUpstream / 3, child);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no last page
      child.waitFor();
    }
    long copiedBeforeKill = Long.parseLong(LocalDatabases.value(killed, "SELECT count(*) FROM directory.guardian"));
    assertThat(copiedBeforeKill).as("killed halfway").isBetween(1L, guardiansUpstream - 1);

    SyncSummary resumed = sync(killed);
    SyncSummary uninterrupted = sync(clean);

    assertThat(resumed.outcome()).isEqualTo(SyncSummary.Outcome.COMPLETED);
    assertThat(resumed.tables().stream().filter(t -> t.table().equals("phu_huynh")).findFirst().orElseThrow().read())
        .as("resumed after the last committed page, not from the start")
        .isLessThanOrEqualTo(guardiansUpstream - copiedBeforeKill + 10);
    assertThat(TestServices.contents(killed, COPY_TABLES)).isEqualTo(TestServices.contents(clean, COPY_TABLES));
    assertThat(uninterrupted.total(t -> t.inserted())).isPositive();
  }

  private void awaitGuardiansCopied(long atLeast, Process child) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline) && child.isAlive()) {
      String copied = LocalDatabases.value(killed,
          "SELECT count(*) FROM directory.guardian WHERE to_regclass('directory.guardian') IS NOT NULL");
      if (copied != null && Long.parseLong(copied) >= atLeast) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the sync process did not get a third of the way through the guardians in time");
  }

  private SyncSummary sync(PgUrl ours) {
    LienlacConfig config = LienlacConfig.from(Map.of(
        "LIENLAC_PG_URL", ours.uri(), "LIENLAC_DISTRICT_PG_URL", district.uri()), Map.of(), "none");
    return DirectorySyncRunner.run(config, SyncMode.AUTO, 10, SyncProgress.SILENT);
  }
}
