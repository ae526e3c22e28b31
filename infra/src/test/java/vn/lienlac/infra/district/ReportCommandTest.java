package vn.lienlac.infra.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.launcher.Main;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.seed.DistrictSeeder;
import vn.lienlac.infra.seed.SeedOptions;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.messaging.directory.SyncProgress;

class ReportCommandTest {

  PgUrl district;
  PgUrl ours;

  @BeforeEach
  void seedAndSync() {
    district = TestServices.freshDatabase("report_district");
    ours = TestServices.freshDatabase("report_ours");
    new DistrictSeeder(district, new SeedOptions(20, 60, 3, false)).seed(line -> {});
    ModuleMigrations.of(ours).migrate();
    DirectorySyncRunner.run(LienlacConfig.from(Map.of("LIENLAC_PG_URL", ours.uri(),
        "LIENLAC_DISTRICT_PG_URL", district.uri()), Map.of(), "none"), SyncMode.AUTO, null, SyncProgress.SILENT);
  }

  @AfterEach
  void drop() {
    TestServices.dropDatabase(district);
    TestServices.dropDatabase(ours);
  }

  @Test
  void the_report_lists_unusable_phones_students_without_guardian_and_skipped_rows() {
    String text = run("district", "report", "--pg-url", ours.uri(), "--limit", "500");

    assertThat(text).contains("guardians whose phone cannot be used")
        .contains("active students with no guardian")
        .contains("upstream rows skipped by the sync")
        .containsAnyOf("Không phải số di động", "Sai độ dài số di động", "Chưa có số điện thoại");
    assertThat(text).containsAnyOf("Thiếu họ tên", "Khối lớp ngoài khoảng", "Trạng thái học sinh không hợp lệ");
  }

  @Test
  void the_csv_export_has_a_header_and_one_line_per_guardian_to_fix() {
    String csv = run("district", "report", "--pg-url", ours.uri(), "--format", "csv", "--limit", "1000");

    String[] lines = csv.split("\n");
    assertThat(lines[0]).isEqualTo(
        "school_code,school_name,class_name,student_name,guardian_id,guardian_name,phone_as_typed,problem,problem_vi");
    assertThat(lines.length).isGreaterThan(1);
    assertThat(lines[1]).matches("\\d+,.+");
  }

  private static String run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }
}
