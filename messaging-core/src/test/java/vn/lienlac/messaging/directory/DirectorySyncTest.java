package vn.lienlac.messaging.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectorySyncTest {

  /** Two schools, a sibling pair sharing parents across schools, a departed student, a teacher of each kind. */
  static final String[] SMALL_DISTRICT = {
      "INSERT INTO truong VALUES"
          + " ('79001', 'Trường Tiểu học Lê Văn Tám', 'TH', 'PGD-Q1', '12 Lê Lợi, Quận 1', now()),"
          + " ('79002', 'Trường THCS Nguyễn Du', 'THCS', 'PGD-Q1', '5 Hai Bà Trưng, Quận 1', now())",
      "INSERT INTO giao_vien VALUES"
          + " ('GV01', 'Trần Thị Hoa', '0903 111 222', 'hoa.tt@school.edu.vn', '79001', now()),"
          + " ('GV02', 'Lê Văn Nam', '+84 912 000 111', NULL, '79002', now()),"
          + " ('GV03', 'Phạm Minh Châu', '0168 812 3456', NULL, '79002', now())",
      "INSERT INTO lop VALUES"
          + " ('79001-2026-3A1', '79001', '3A1', 3, '2026-2027', 'GV01', now()),"
          + " ('79002-2026-6A1', '79002', '6A1', 6, '2026 - 2027', 'GV02', now())",
      "INSERT INTO hoc_sinh VALUES"
          + " ('079216000001', 'Nguyễn Minh An', '2018-03-04', 'Nam', '79001-2026-3A1', 'dang_hoc', now()),"
          + " ('079214000002', 'Nguyễn Thu Bình', '2014-07-21', 'Nữ', '79002-2026-6A1', 'dang_hoc', now()),"
          + " ('079214000003', 'Võ Gia Huy', '2014-01-30', 'Nam', '79002-2026-6A1', 'chuyen_truong', now())",
      "INSERT INTO phu_huynh VALUES"
          + " (1, 'Nguyễn Văn Cường', '0912 345 678', 'cuong@example.vn', 'vi', now()),"
          + " (2, 'Đỗ Thị Lan', '84987654321', NULL, NULL, now()),"
          + " (3, 'Võ Văn Phúc', '024 3825 1234', NULL, 'en', now())",
      "INSERT INTO hoc_sinh_phu_huynh VALUES"
          + " ('079216000001', 1, 'cha', true, now()), ('079216000001', 2, 'me', false, now()),"
          + " ('079214000002', 1, 'cha', true, now()), ('079214000002', 2, 'me', false, now()),"
          + " ('079214000003', 3, 'giam_ho', true, now())",
      "INSERT INTO phan_cong VALUES"
          + " ('GV01', '79001-2026-3A1', 'Toán', '2026-2027', now()),"
          + " ('GV03', '79002-2026-6A1', 'Ngữ văn', '2026-2027', now())",
  };

  DirectoryFixture fx;

  @BeforeEach
  void setUp() {
    fx = new DirectoryFixture("sync");
    fx.upstream(SMALL_DISTRICT);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void first_sync_copies_every_table_with_normalised_values() {
    SyncSummary summary = fx.sync(SyncMode.AUTO);

    assertThat(summary.outcome()).isEqualTo(SyncSummary.Outcome.COMPLETED);
    assertThat(summary.tables()).extracting(TableSummary::table).containsExactlyElementsOf(DistrictSchema.TABLES);
    assertThat(summary.total(TableSummary::inserted)).isEqualTo(2 + 3 + 2 + 3 + 3 + 5 + 2);
    assertThat(fx.ours("SELECT name, level FROM directory.school ORDER BY code"))
        .containsExactly(List.of("Trường Tiểu học Lê Văn Tám", "TH"), List.of("Trường THCS Nguyễn Du", "THCS"));
    assertThat(fx.ours("SELECT school_year FROM directory.school_class WHERE code = '79002-2026-6A1'"))
        .containsExactly(List.of("2026-2027"));
    assertThat(fx.ours("SELECT national_id, gender, status, active::text FROM directory.student ORDER BY 1"))
        .containsExactly(
            List.of("079214000002", "female", "studying", "true"),
            List.of("079214000003", "male", "transferred", "false"),
            List.of("079216000001", "male", "studying", "true"));
    assertThat(fx.ours("SELECT id::text, phone_e164, phone_problem, language FROM directory.guardian ORDER BY id"))
        .containsExactly(
            java.util.Arrays.asList("1", "+84912345678", null, "vi"),
            java.util.Arrays.asList("2", "+84987654321", null, "vi"),
            java.util.Arrays.asList("3", null, "not_mobile", "en"));
    assertThat(fx.ours("SELECT phone_e164 FROM directory.teacher WHERE code = 'GV03'"))
        .containsExactly(List.of("+84388123456"));
    assertThat(fx.ours("SELECT count(*) FROM directory.guardian_student WHERE guardian_id = 1"))
        .containsExactly(List.of("2"));
    assertThat(summary.tables().stream().filter(t -> t.table().equals("phu_huynh")).findFirst().orElseThrow().flagged())
        .isEqualTo(1);
  }

  @Test
  void later_syncs_copy_only_what_changed() {
    fx.sync(SyncMode.AUTO);
    fx.upstream(
        "UPDATE hoc_sinh SET ho_ten = 'Nguyễn Minh Ân' WHERE ma_dinh_danh = '079216000001'",
        "INSERT INTO phu_huynh VALUES (4, 'Hoàng Thị Mai', '0977 000 999', NULL, 'vi', now())",
        "INSERT INTO hoc_sinh_phu_huynh VALUES ('079214000003', 4, 'me', false, now())");

    SyncSummary summary = fx.sync(SyncMode.AUTO);

    Map<String, TableSummary> byTable = byTable(summary);
    assertThat(byTable.get("hoc_sinh").fullPass()).isFalse();
    assertThat(byTable.get("hoc_sinh").read()).isEqualTo(1);
    assertThat(byTable.get("hoc_sinh").updated()).isEqualTo(1);
    assertThat(byTable.get("phu_huynh").inserted()).isEqualTo(1);
    assertThat(byTable.get("hoc_sinh_phu_huynh").inserted()).isEqualTo(1);
    assertThat(byTable.get("truong").read()).isZero();
    assertThat(fx.oursValue("SELECT full_name FROM directory.student WHERE national_id = '079216000001'"))
        .isEqualTo("Nguyễn Minh Ân");
  }

  @Test
  void a_row_touched_without_a_real_change_is_read_but_not_rewritten() {
    fx.sync(SyncMode.AUTO);
    String before = fx.oursValue("SELECT synced_at::text FROM directory.school WHERE code = '79001'");
    fx.upstream("UPDATE truong SET ten_truong = ten_truong WHERE ma_truong = '79001'");

    TableSummary schools = byTable(fx.sync(SyncMode.AUTO)).get("truong");

    assertThat(schools.read()).isEqualTo(1);
    assertThat(schools.unchanged()).isEqualTo(1);
    assertThat(fx.oursValue("SELECT synced_at::text FROM directory.school WHERE code = '79001'")).isEqualTo(before);
  }

  @Test
  void rows_deleted_upstream_are_marked_removed_by_a_full_pass_and_never_deleted() {
    fx.sync(SyncMode.AUTO);
    fx.upstream(
        "DELETE FROM hoc_sinh_phu_huynh WHERE ma_dinh_danh = '079214000002'",
        "DELETE FROM hoc_sinh WHERE ma_dinh_danh = '079214000002'");

    fx.sync(SyncMode.AUTO);
    assertThat(fx.oursValue("SELECT removed_at IS NULL FROM directory.student WHERE national_id = '079214000002'"))
        .as("an incremental run cannot see deletes").isEqualTo("t");

    SyncSummary full = fx.sync(SyncMode.FULL);

    assertThat(byTable(full).get("hoc_sinh").removed()).isEqualTo(1);
    assertThat(byTable(full).get("hoc_sinh_phu_huynh").removed()).isEqualTo(2);
    assertThat(fx.ours("SELECT removed_at IS NOT NULL, active::text FROM directory.student WHERE national_id = '079214000002'"))
        .containsExactly(List.of("t", "false"));
    assertThat(fx.oursValue("SELECT count(*) FROM directory.student")).isEqualTo("3");

    fx.upstream("INSERT INTO hoc_sinh VALUES ('079214000002', 'Nguyễn Thu Bình', '2014-07-21', 'Nữ', '79002-2026-6A1', 'dang_hoc', now())");
    fx.sync(SyncMode.AUTO);
    assertThat(fx.oursValue("SELECT active::text FROM directory.student WHERE national_id = '079214000002'"))
        .as("a row that comes back upstream is restored").isEqualTo("true");
  }

  @Test
  void a_full_pass_is_due_again_after_its_interval() {
    fx.sync(SyncMode.AUTO);
    fx.ours("UPDATE directory.sync_position SET last_full_pass_at = now() - interval '25 hours' RETURNING 1");
    fx.upstream("DELETE FROM phan_cong WHERE ma_gv = 'GV01'");

    SyncSummary summary = fx.sync(SyncMode.AUTO, new DirectorySyncOptions(5_000, Duration.ofHours(24), 3));

    assertThat(byTable(summary).get("phan_cong").fullPass()).isTrue();
    assertThat(byTable(summary).get("phan_cong").removed()).isEqualTo(1);
  }

  @Test
  void bad_rows_are_skipped_with_their_reason_and_the_sync_goes_on() {
    fx.upstream(
        "INSERT INTO truong VALUES ('79003', 'Trường Không Rõ Cấp', 'Đại học', NULL, NULL, now())",
        "INSERT INTO lop VALUES ('79001-2026-X', '79001', '15A', 15, '2026-2027', NULL, now())",
        "INSERT INTO lop VALUES ('79001-2026-Y', '79001', '4A', 4, '2026', NULL, now())",
        "INSERT INTO hoc_sinh VALUES ('079216000009', '   ', '2018-01-01', 'Nam', '79001-2026-3A1', 'dang_hoc', now())",
        "INSERT INTO hoc_sinh VALUES ('079216000010', 'Lý Tiểu Long', '2018-01-01', 'Nam', '79001-2026-3A1', 'bi_mat', now())",
        "INSERT INTO hoc_sinh VALUES ('', 'Không Mã', '2018-01-01', 'Nam', '79001-2026-3A1', 'dang_hoc', now())");

    SyncSummary summary = fx.sync(SyncMode.AUTO);

    assertThat(summary.outcome()).isEqualTo(SyncSummary.Outcome.COMPLETED);
    assertThat(byTable(summary).get("truong").rejectedByReason()).containsEntry("unknown_school_level", 1L);
    assertThat(byTable(summary).get("lop").rejectedByReason())
        .containsEntry("grade_out_of_range", 1L).containsEntry("bad_school_year", 1L);
    assertThat(byTable(summary).get("hoc_sinh").rejectedByReason())
        .containsEntry("missing_name", 1L).containsEntry("unknown_student_status", 1L).containsEntry("missing_key", 1L);
    assertThat(byTable(summary).get("hoc_sinh").inserted()).isEqualTo(3);
    assertThat(fx.ours("SELECT source_table, source_key, reason, detail FROM directory.sync_rejection"
        + " WHERE source_table = 'hoc_sinh' AND reason = 'unknown_student_status'"))
        .containsExactly(List.of("hoc_sinh", "079216000010", "unknown_student_status", "bi_mat"));

    fx.upstream("UPDATE hoc_sinh SET trang_thai = 'dang_hoc' WHERE ma_dinh_danh = '079216000010'");
    fx.sync(SyncMode.AUTO);
    assertThat(fx.oursValue("SELECT count(*) FROM directory.sync_rejection WHERE source_key = '079216000010'"))
        .as("a fixed row leaves the rejection list").isEqualTo("0");
    assertThat(fx.oursValue("SELECT status FROM directory.student WHERE national_id = '079216000010'"))
        .isEqualTo("studying");
  }

  @Test
  void a_second_sync_is_refused_while_one_holds_the_lock() {
    SqlConnection holder = fx.ours.getConnection().await();
    try {
      holder.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(0x6c69656e6c6163L)).await();
      assertThatThrownBy(() -> fx.sync(SyncMode.AUTO)).isInstanceOf(DirectorySync.AlreadyRunning.class);
    } finally {
      holder.close().await();
    }
    assertThat(fx.sync(SyncMode.AUTO).outcome()).isEqualTo(SyncSummary.Outcome.COMPLETED);
  }

  @Test
  void a_sync_stopped_midway_resumes_and_ends_like_an_uninterrupted_one() {
    DirectorySyncOptions tinyPages = new DirectorySyncOptions(1, Duration.ofHours(24), 1);
    DirectorySync sync = DirectorySync.create(fx.district, fx.ours, tinyPages);
    SyncSummary stopped = sync.run(SyncMode.AUTO, new SyncProgress() {
      @Override
      public void pageCopied(String table, long rowsSoFar, long expectedRows) {
        if (table.equals("phu_huynh")) {
          sync.requestStop();
        }
      }
    }).await();
    assertThat(stopped.outcome()).isEqualTo(SyncSummary.Outcome.STOPPED);
    assertThat(fx.oursValue("SELECT count(*) FROM directory.student")).isEqualTo("0");

    SyncSummary resumed = fx.sync(SyncMode.AUTO, tinyPages);

    assertThat(resumed.outcome()).isEqualTo(SyncSummary.Outcome.COMPLETED);
    assertThat(byTable(resumed).get("phu_huynh").read()).as("resumes after the committed page").isEqualTo(2);
    try (DirectoryFixture clean = new DirectoryFixture("clean")) {
      clean.upstream(SMALL_DISTRICT);
      TestServices_copyTimestamps(clean);
      clean.sync(SyncMode.AUTO);
      assertThat(DirectoryFixture.snapshot(fx.oursUrl)).isEqualTo(DirectoryFixture.snapshot(clean.oursUrl));
    }
  }

  /** Makes the clean district's updated_at equal to ours so that snapshots compare equal. */
  private void TestServices_copyTimestamps(DirectoryFixture clean) {
    for (String table : DistrictSchema.TABLES) {
      List<List<String>> stamps = DirectoryFixture.query(fx.districtUrl,
          "SELECT min(updated_at)::text FROM " + table);
      clean.upstream("UPDATE " + table + " SET updated_at = '" + stamps.get(0).get(0) + "'");
      fx.upstream("UPDATE " + table + " SET updated_at = '" + stamps.get(0).get(0) + "'");
    }
  }

  private static Map<String, TableSummary> byTable(SyncSummary summary) {
    return summary.tables().stream().collect(java.util.stream.Collectors.toMap(TableSummary::table, t -> t));
  }
}
