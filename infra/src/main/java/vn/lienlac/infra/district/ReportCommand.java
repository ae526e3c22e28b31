package vn.lienlac.infra.district;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.messaging.directory.RejectionReason;
import vn.lienlac.messaging.directory.phone.PhoneProblem;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Báo cáo chất lượng dữ liệu / data-quality report of the directory copy.",
        "Guardians whose phone number cannot be used (with the number as typed and why), active students with",
        "no guardian, and upstream rows the sync skipped. Schools fix these in the district database;",
        "the next sync picks the fixes up. Needs LIENLAC_PG_URL."})
public final class ReportCommand implements Callable<Integer> {

  @Mixin
  DatabaseOptions databases;

  @Spec
  CommandSpec spec;

  @Option(names = "--school", paramLabel = "MA_TRUONG", description = "Only this school.")
  String school;

  @Option(names = "--limit", defaultValue = "50", description = "Lines per list. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|csv",
      description = "text for people; csv lists the guardians to fix (for a spreadsheet).")
  String format;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format must be text or csv, got '" + format + "'");
    }
    LienlacConfig config = databases.apply(LienlacConfig.load());
    config.require(List.of(Setting.PG_URL));
    Vertx vertx = Connections.commandVertx();
    try {
      DataQualityReport report = new DataQualityReport(Connections.ours(vertx, config));
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("csv")) {
        printCsv(report.guardianPhoneProblems(school, limit).await(), out);
      } else {
        printText(report, out);
      }
      out.flush();
      return 0;
    } finally {
      vertx.close().await();
    }
  }

  private void printText(DataQualityReport report, PrintWriter out) {
    out.println("Chất lượng dữ liệu danh bạ / directory data quality" + (school == null ? "" : " — " + school));
    List<DataQualityReport.Count> counts = report.counts().await();
    if (counts.isEmpty()) {
      out.println("  Không có vấn đề / no problems found");
    }
    for (DataQualityReport.Count c : counts) {
      out.printf("  %,8d  %s%n", c.n(), describe(c));
    }
    out.println();
    out.println("Phụ huynh không liên lạc được qua số điện thoại / guardians whose phone cannot be used:");
    for (DataQualityReport.PhoneProblemLine l : report.guardianPhoneProblems(school, limit).await()) {
      out.printf("  %s %s | lớp %s | HS %s | PH #%d %s | '%s' — %s%n", l.schoolCode(), l.schoolName(),
          l.className(), l.studentName(), l.guardianId(), l.guardianName(),
          l.phoneAsTyped() == null ? "" : l.phoneAsTyped(), PhoneProblem.fromCode(l.problem()).vietnamese());
    }
    out.println();
    out.println("Học sinh chưa có phụ huynh / active students with no guardian:");
    for (DataQualityReport.StudentWithoutGuardian s : report.studentsWithoutGuardian(school, limit).await()) {
      out.printf("  %s | lớp %s | %s %s%n", s.schoolCode(), s.className(), s.nationalId(), s.studentName());
    }
    out.println();
    out.println("Dòng bị bỏ qua khi đồng bộ / upstream rows skipped by the sync:");
    for (DataQualityReport.Rejection r : report.rejections(limit).await()) {
      out.printf("  %s '%s': %s%s%n", r.table(), r.key().replace('\u001f', '/'),
          RejectionReason.fromCode(r.reason()).vietnamese(), r.detail() == null ? "" : " ('" + r.detail() + "')");
    }
    out.printf("%n(at most %d lines per list; --limit to see more, --format csv to export)%n", limit);
  }

  private static String describe(DataQualityReport.Count c) {
    return switch (c.what()) {
      case "guardian_phone" -> "phụ huynh: " + PhoneProblem.fromCode(c.detail()).vietnamese()
          + " / guardians: " + PhoneProblem.fromCode(c.detail()).english();
      case "teacher_phone" -> "giáo viên: " + PhoneProblem.fromCode(c.detail()).vietnamese()
          + " / teachers: " + PhoneProblem.fromCode(c.detail()).english();
      default -> "dòng bị bỏ qua / skipped rows — " + c.detail();
    };
  }

  static void printCsv(List<DataQualityReport.PhoneProblemLine> lines, PrintWriter out) {
    out.println("school_code,school_name,class_name,student_name,guardian_id,guardian_name,phone_as_typed,problem,problem_vi");
    for (DataQualityReport.PhoneProblemLine l : lines) {
      out.println(String.join(",", csv(l.schoolCode()), csv(l.schoolName()), csv(l.className()),
          csv(l.studentName()), String.valueOf(l.guardianId()), csv(l.guardianName()), csv(l.phoneAsTyped()),
          csv(l.problem()), csv(PhoneProblem.fromCode(l.problem()).vietnamese())));
    }
  }

  static String csv(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
