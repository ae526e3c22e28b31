package vn.lienlac.infra.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienlac.infra.seed.DistrictDb.column;
import static vn.lienlac.infra.seed.DistrictDb.count;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.phone.VietnameseMobileNumbers;

class DistrictChangesTest {

  record Table(String name, String key) {}

  static final List<Table> TABLES = List.of(
      new Table("truong", "ma_truong"), new Table("lop", "ma_lop"), new Table("giao_vien", "ma_gv"),
      new Table("phan_cong", "ma_gv, ma_lop, mon_hoc"), new Table("hoc_sinh", "ma_dinh_danh"),
      new Table("phu_huynh", "id"), new Table("hoc_sinh_phu_huynh", "ma_dinh_danh, phu_huynh_id"));

  static PgUrl db;
  static ChangeResult changes;

  @BeforeAll
  static void seedSnapshotAndChange() {
    db = TestServices.freshDatabase("changes");
    new DistrictSeeder(db, new SeedOptions(5, 400, 11, false)).seed(s -> {});
    for (Table t : TABLES) {
      TestServices.execute(db, "CREATE TABLE snap_" + t.name() + " AS SELECT * FROM " + t.name());
    }
    changes = DistrictChanges.apply(db, 0.05, 3);
  }

  @AfterAll
  static void drop() {
    TestServices.dropDatabase(db);
  }

  @Test
  void updated_at_moved_exactly_for_the_rows_whose_content_changed() {
    for (Table t : TABLES) {
      // A row's updated_at moved if and only if its content did.
      assertThat(count(db, "SELECT count(*) FROM " + t.name() + " n JOIN snap_" + t.name() + " o USING (" + t.key()
          + ") WHERE (n.updated_at <> o.updated_at) <> ((to_jsonb(n) - 'updated_at') <> (to_jsonb(o) - 'updated_at'))"))
          .as(t.name()).isZero();
      // New rows are newer than anything the seed wrote.
      assertThat(count(db, "SELECT count(*) FROM " + t.name() + " n WHERE NOT EXISTS (SELECT 1 FROM snap_" + t.name()
          + " o WHERE (" + t.key() + ") = (" + prefixed("n", t.key()) + "))"
          + " AND n.updated_at <= (SELECT max(updated_at) FROM snap_" + t.name() + ")")).as(t.name()).isZero();
    }
  }

  @Test
  void the_counts_reported_are_the_rows_changed_per_table() {
    assertThat(changed("hoc_sinh")).isEqualTo(changes.studentsMovedClass() + changes.studentsTransferred());
    assertThat(added("hoc_sinh")).isEqualTo(changes.studentsAdded());
    assertThat(changed("phu_huynh")).isEqualTo(changes.guardiansUpdated());
    assertThat(added("phu_huynh")).isEqualTo(changes.guardiansAdded());
    assertThat(changed("hoc_sinh_phu_huynh")).isEqualTo(changes.linksUpdated());
    assertThat(added("hoc_sinh_phu_huynh")).isEqualTo(changes.linksAdded());
    assertThat(changed("giao_vien")).isEqualTo(changes.teachersUpdated());
    // A reassigned lesson has a new key: the old row vanishes and a new one appears.
    assertThat(added("phan_cong")).isEqualTo(changes.assignmentsReassigned());
    assertThat(vanished("phan_cong")).isEqualTo(changes.assignmentsReassigned());
    assertThat(changed("truong") + changed("lop") + added("truong") + added("lop")).isZero();
    for (Table t : TABLES) {
      if (!t.name().equals("phan_cong")) {
        assertThat(vanished(t.name())).as(t.name()).isZero();
      }
    }
  }

  @Test
  void about_the_fraction_asked_for_changes_and_every_kind_of_change_happens() {
    assertThat(List.of(changes.studentsMovedClass(), changes.studentsTransferred(), changes.studentsAdded(),
        changes.guardiansUpdated(), changes.guardiansAdded(), changes.linksUpdated(), changes.linksAdded(),
        changes.teachersUpdated(), changes.assignmentsReassigned())).allMatch(n -> n > 0);
    assertThat(changes.hocSinh() / 2000.0).isBetween(0.02, 0.08);
    assertThat(changes.guardiansUpdated() / (double) count(db, "SELECT count(*) FROM snap_phu_huynh")).isBetween(0.03, 0.07);
    assertThat(changes.phanCong() / (double) count(db, "SELECT count(*) FROM snap_phan_cong")).isBetween(0.03, 0.07);
  }

  @Test
  void the_changed_district_is_still_consistent() {
    // Pupils who moved stay in their school and grade.
    assertThat(count(db, "SELECT count(*) FROM hoc_sinh n JOIN snap_hoc_sinh o USING (ma_dinh_danh)"
        + " JOIN lop a ON a.ma_lop = o.ma_lop JOIN lop b ON b.ma_lop = n.ma_lop"
        + " WHERE n.ma_lop <> o.ma_lop AND (a.ma_truong <> b.ma_truong OR a.khoi <> b.khoi)")).isZero();
    // Still exactly one main contact per pupil with guardians.
    assertThat(count(db, "SELECT count(*) FROM (SELECT ma_dinh_danh FROM hoc_sinh_phu_huynh GROUP BY 1"
        + " HAVING count(*) FILTER (WHERE la_lien_he_chinh) <> 1) x")).isZero();
    // New pupils: real classes, plausible ids, Vietnamese names, guardians with valid numbers.
    String newPupils = "SELECT n.* FROM hoc_sinh n WHERE NOT EXISTS"
        + " (SELECT 1 FROM snap_hoc_sinh o WHERE o.ma_dinh_danh = n.ma_dinh_danh)";
    assertThat(count(db, "SELECT count(*) FROM (" + newPupils + ") n LEFT JOIN lop l USING (ma_lop)"
        + " WHERE l.ma_lop IS NULL")).isZero();
    assertThat(column(db, "SELECT ma_dinh_danh FROM (" + newPupils + ") n")).allMatch(id -> id.matches("079[23]\\d{8}"));
    assertThat(column(db, "SELECT ho_ten FROM (" + newPupils + ") n"))
        .allMatch(name -> name.matches("\\p{Lu}\\p{L}* \\p{Lu}\\p{L}* \\p{Lu}\\p{L}*"))
        .anyMatch(name -> !name.equals(Emails.fold(name)));
    assertThat(count(db, "SELECT count(*) FROM (" + newPupils + ") n WHERE NOT EXISTS"
        + " (SELECT 1 FROM hoc_sinh_phu_huynh l WHERE l.ma_dinh_danh = n.ma_dinh_danh AND l.quan_he = 'me')")).isZero();
    List<String> newPhones = column(db, "SELECT so_dien_thoai FROM phu_huynh p WHERE NOT EXISTS"
        + " (SELECT 1 FROM snap_phu_huynh o WHERE o.id = p.id)");
    assertThat(newPhones).isNotEmpty().allMatch(p -> VietnameseMobileNumbers.normalise(p).isValid());
  }

  @Test
  void the_fraction_is_checked() {
    assertThatThrownBy(() -> DistrictChanges.apply(db, 0, 1)).hasMessageContaining("fraction");
    assertThatThrownBy(() -> DistrictChanges.apply(db, 1.5, 1)).hasMessageContaining("fraction");
  }

  private static long changed(String table) {
    String key = key(table);
    return count(db, "SELECT count(*) FROM " + table + " n JOIN snap_" + table + " o USING (" + key + ")"
        + " WHERE n.updated_at <> o.updated_at");
  }

  private static long added(String table) {
    return count(db, "SELECT count(*) FROM (SELECT " + key(table) + " FROM " + table
        + " EXCEPT SELECT " + key(table) + " FROM snap_" + table + ") x");
  }

  private static long vanished(String table) {
    return count(db, "SELECT count(*) FROM (SELECT " + key(table) + " FROM snap_" + table
        + " EXCEPT SELECT " + key(table) + " FROM " + table + ") x");
  }

  private static String key(String table) {
    return TABLES.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow().key();
  }

  private static String prefixed(String alias, String columns) {
    return String.join(", ", java.util.Arrays.stream(columns.split(", ")).map(c -> alias + "." + c).toList());
  }
}
