package vn.lienlac.infra.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienlac.infra.seed.DistrictDb.column;
import static vn.lienlac.infra.seed.DistrictDb.contentDigest;
import static vn.lienlac.infra.seed.DistrictDb.count;
import static vn.lienlac.infra.seed.DistrictDb.number;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.DistrictSchema;
import vn.lienlac.messaging.directory.phone.PhoneNormalisation;
import vn.lienlac.messaging.directory.phone.VietnameseMobileNumbers;

class DistrictSeederTest {

  static final SeedOptions SMALL = new SeedOptions(5, 200, 42, false);

  static PgUrl db;
  static SeedResult first;
  static List<String> progress = new ArrayList<>();

  @BeforeAll
  static void seedSmallDistrict() {
    db = TestServices.freshDatabase("seed");
    first = new DistrictSeeder(db, SMALL).seed(progress::add);
  }

  @AfterAll
  static void drop() {
    TestServices.dropDatabase(db);
  }

  @Test
  void counts_match_the_tables_and_the_options() {
    assertThat(first.hocSinh()).isEqualTo(1000);
    assertThat(first.truong()).isEqualTo(5);
    assertThat(count(db, "SELECT count(*) FROM hoc_sinh")).isEqualTo(first.hocSinh());
    assertThat(count(db, "SELECT count(*) FROM phu_huynh")).isEqualTo(first.phuHuynh());
    assertThat(count(db, "SELECT count(*) FROM hoc_sinh_phu_huynh")).isEqualTo(first.hocSinhPhuHuynh());
    assertThat(count(db, "SELECT count(*) FROM lop")).isEqualTo(first.lop());
    assertThat(count(db, "SELECT count(*) FROM giao_vien")).isEqualTo(first.giaoVien());
    assertThat(count(db, "SELECT count(*) FROM phan_cong")).isEqualTo(first.phanCong());
    assertThat(first.seconds()).isPositive();
    assertThat(progress).isNotEmpty().last().asString().startsWith("done");
  }

  @Test
  void schools_classes_and_teachers_look_like_a_district() {
    assertThat(column(db, "SELECT DISTINCT cap_hoc FROM truong")).contains("TH", "THCS").allMatch(
        l -> List.of("MN", "TH", "THCS", "THPT").contains(l));
    assertThat(column(db, "SELECT ma_truong FROM truong")).allMatch(c -> c.matches("79\\d{3}\\d{3,}"));
    assertThat(column(db, "SELECT ten_truong FROM truong"))
        .allMatch(n -> n.matches("Trường (Mầm non|Tiểu học|THCS|THPT) .+"));
    // Grades fit the school level; class sizes 35–45 give 5 classes in a 200-pupil primary school.
    assertThat(count(db, "SELECT count(*) FROM lop l JOIN truong t USING (ma_truong) WHERE NOT ("
        + " (cap_hoc = 'TH' AND khoi BETWEEN 1 AND 5) OR (cap_hoc = 'THCS' AND khoi BETWEEN 6 AND 9)"
        + " OR (cap_hoc = 'THPT' AND khoi BETWEEN 10 AND 12) OR (cap_hoc = 'MN' AND khoi = 0))")).isZero();
    assertThat(column(db, "SELECT DISTINCT nam_hoc FROM lop")).containsExactly("2026-2027");
    assertThat(column(db, "SELECT ten_lop FROM lop")).allMatch(n -> n.matches("\\d{1,2}A\\d+|(Mầm|Chồi|Lá) \\d+"));
    assertThat(count(db, "SELECT count(*) FROM lop l LEFT JOIN giao_vien g ON g.ma_gv = l.ma_gvcn"
        + " WHERE g.ma_truong IS DISTINCT FROM l.ma_truong")).isZero();
    double teachersPerClass = number(db, "SELECT (SELECT count(*) FROM giao_vien)::float / (SELECT count(*) FROM lop)");
    assertThat(teachersPerClass).isBetween(1.2, 1.9);
    // Every class has its level's subjects, taught by teachers of its own school.
    assertThat(count(db, "SELECT count(*) FROM phan_cong p JOIN lop l USING (ma_lop) JOIN giao_vien g USING (ma_gv)"
        + " WHERE g.ma_truong <> l.ma_truong")).isZero();
    assertThat(count(db, "SELECT count(*) FROM lop l WHERE (SELECT count(*) FROM phan_cong p WHERE p.ma_lop = l.ma_lop) < 5"
        + " AND khoi > 0")).isZero();
    assertThat(column(db, "SELECT DISTINCT mon_hoc FROM phan_cong")).contains("Toán", "Tiếng Anh", "Giáo dục thể chất");
  }

  @Test
  void pupils_have_plausible_ids_birth_dates_and_statuses() {
    assertThat(column(db, "SELECT ma_dinh_danh FROM hoc_sinh")).allMatch(id -> id.matches("0\\d{2}[23]\\d{8}"));
    // The id's sex digit and birth year agree with the row.
    assertThat(count(db, "SELECT count(*) FROM hoc_sinh WHERE substr(ma_dinh_danh, 4, 1) <> CASE gioi_tinh"
        + " WHEN 'Nam' THEN '2' ELSE '3' END OR substr(ma_dinh_danh, 5, 2) <> to_char(ngay_sinh, 'YY')")).isZero();
    // Age fits the grade: born in 2021 − grade, a year earlier for the few who started late or repeated.
    assertThat(count(db, "SELECT count(*) FROM hoc_sinh h JOIN lop l USING (ma_lop)"
        + " WHERE khoi > 0 AND 2021 - khoi - extract(year FROM ngay_sinh) NOT IN (0, 1)")).isZero();
    assertThat(column(db, "SELECT DISTINCT gioi_tinh FROM hoc_sinh")).containsExactlyInAnyOrder("Nam", "Nữ");
    long studying = count(db, "SELECT count(*) FROM hoc_sinh WHERE trang_thai = 'dang_hoc'");
    long departed = count(db, "SELECT count(*) FROM hoc_sinh WHERE trang_thai IN ('chuyen_truong', 'thoi_hoc')");
    assertThat(studying).isGreaterThan(950);
    assertThat(departed).isBetween(3L, 40L);
  }

  @Test
  void names_are_vietnamese_with_diacritics_and_children_carry_their_fathers_family_name() {
    List<String> names = column(db, "SELECT ho_ten FROM hoc_sinh UNION ALL SELECT ho_ten FROM phu_huynh");
    assertThat(names).anyMatch(n -> n.startsWith("Nguyễn ")).anyMatch(n -> n.contains("Thị"))
        .anyMatch(n -> n.matches(".*[ăâđêôơưĂÂĐÊÔƠƯ].*"));
    double nguyen = names.stream().filter(n -> n.startsWith("Nguyễn ")).count() / (double) names.size();
    assertThat(nguyen).isBetween(0.30, 0.46);
    assertThat(count(db, "SELECT count(*) FROM hoc_sinh_phu_huynh l JOIN hoc_sinh h USING (ma_dinh_danh)"
        + " JOIN phu_huynh p ON p.id = l.phu_huynh_id"
        + " WHERE l.quan_he = 'cha' AND split_part(h.ho_ten, ' ', 1) <> split_part(p.ho_ten, ' ', 1)")).isZero();
  }

  @Test
  void families_give_about_one_point_six_guardians_per_pupil_and_span_schools() {
    double guardiansPerPupil = number(db,
        "SELECT (SELECT count(*) FROM phu_huynh)::float / (SELECT count(*) FROM hoc_sinh)");
    assertThat(guardiansPerPupil).isBetween(1.4, 1.9);
    double withoutGuardian = number(db, "SELECT avg((NOT EXISTS (SELECT 1 FROM hoc_sinh_phu_huynh l"
        + " WHERE l.ma_dinh_danh = h.ma_dinh_danh))::int) FROM hoc_sinh h");
    assertThat(withoutGuardian).isBetween(0.0, 0.01);
    assertThat(count(db, "SELECT count(*) FROM (SELECT ma_dinh_danh FROM hoc_sinh_phu_huynh GROUP BY 1"
        + " HAVING count(*) FILTER (WHERE la_lien_he_chinh) <> 1) x")).isZero();
    assertThat(column(db, "SELECT DISTINCT quan_he FROM hoc_sinh_phu_huynh"))
        .containsExactlyInAnyOrder("cha", "me", "giam_ho");
    // Siblings: guardians with several children, in the same school and across schools.
    String childrenOfGuardian = "SELECT l.phu_huynh_id, count(DISTINCT l.ma_dinh_danh) AS children,"
        + " count(DISTINCT c.ma_truong) AS schools FROM hoc_sinh_phu_huynh l JOIN hoc_sinh h USING (ma_dinh_danh)"
        + " JOIN lop c USING (ma_lop) GROUP BY 1";
    assertThat(count(db, "SELECT count(*) FROM (" + childrenOfGuardian + ") g WHERE children > 1 AND schools = 1"))
        .isPositive();
    assertThat(count(db, "SELECT count(*) FROM (" + childrenOfGuardian + ") g WHERE schools > 1")).isPositive();
    // Every guardian is linked to someone.
    assertThat(count(db, "SELECT count(*) FROM phu_huynh p WHERE NOT EXISTS"
        + " (SELECT 1 FROM hoc_sinh_phu_huynh l WHERE l.phu_huynh_id = p.id)")).isZero();
  }

  @Test
  void phone_numbers_come_in_every_form_schools_type() {
    List<String> phones = column(db, "SELECT so_dien_thoai FROM phu_huynh UNION ALL SELECT so_dien_thoai FROM giao_vien");
    assertThat(phones).anyMatch(matches("0\\d{9}"))
        .anyMatch(matches("0\\d{3} \\d{3} \\d{3}"))
        .anyMatch(matches("0\\d{3}\\.\\d{3}\\.\\d{3}"))
        .anyMatch(matches("\\+84\\d{9}"))
        .anyMatch(matches("84\\d{9}"))
        .anyMatch(matches("01(2[0-9]|6[2-9]|86|88|99)\\d{7}")); // pre-2018 11-digit numbers
    long invalid = phones.stream().filter(p -> VietnameseMobileNumbers.normalise(p) instanceof PhoneNormalisation.Invalid)
        .count();
    assertThat(invalid).isPositive().isLessThan(phones.size() / 50);
    long legacy = phones.stream().filter(p -> VietnameseMobileNumbers.normalise(p) instanceof PhoneNormalisation.Valid v
        && v.convertedFromLegacyPrefix()).count();
    assertThat(legacy / (double) phones.size()).isBetween(0.01, 0.06);
    assertThat(column(db, "SELECT DISTINCT ngon_ngu FROM phu_huynh")).contains("vi").allMatch(l -> l.equals("vi") || l.equals("en"));
    assertThat(count(db, "SELECT count(*) FROM phu_huynh WHERE email LIKE '%@%.%'")).isPositive();
  }

  @Test
  void a_second_seed_is_refused_without_replace_and_identical_with_it() {
    List<String> before = contentDigest(db);
    assertThatThrownBy(() -> new DistrictSeeder(db, SMALL).seed(s -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cơ sở dữ liệu sở đã có dữ liệu")
        .hasMessageContaining("--replace");

    SeedResult again = new DistrictSeeder(db, new SeedOptions(5, 200, 42, true)).seed(s -> {});
    assertThat(again.hocSinh()).isEqualTo(first.hocSinh());
    assertThat(contentDigest(db)).isEqualTo(before);
  }

  @Test
  void a_failed_seed_leaves_nothing_behind() {
    PgUrl broken = TestServices.freshDatabase("seed_fail");
    try {
      // A pre-existing hoc_sinh whose ho_ten cannot hold a real name: the COPY fails half-way.
      TestServices.execute(broken, DistrictSchema.ddl().replace("ho_ten        text,", "ho_ten varchar(3),"));
      TestServices.execute(broken, "DROP TABLE truong, lop, phu_huynh, hoc_sinh_phu_huynh, giao_vien, phan_cong");
      assertThatThrownBy(() -> new DistrictSeeder(broken, SMALL).seed(s -> {}))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("hoc_sinh");
      assertThat(DistrictDb.value(broken, "SELECT to_regclass('truong')::text")).isNull();
      assertThat(count(broken, "SELECT count(*) FROM hoc_sinh")).isZero();
    } finally {
      TestServices.dropDatabase(broken);
    }
  }

  @Test
  void a_district_of_twenty_schools_has_each_kind_of_broken_row() {
    PgUrl twenty = TestServices.freshDatabase("seed_defects");
    try {
      new DistrictSeeder(twenty, new SeedOptions(20, 40, 7, false)).seed(s -> {});
      assertThat(count(twenty, "SELECT count(*) FROM hoc_sinh WHERE btrim(ho_ten) = ''")).isPositive();
      assertThat(count(twenty, "SELECT count(*) FROM hoc_sinh WHERE trang_thai NOT IN"
          + " ('dang_hoc', 'chuyen_truong', 'thoi_hoc', 'tot_nghiep')")).isPositive();
      assertThat(count(twenty, "SELECT count(*) FROM lop WHERE khoi NOT BETWEEN 0 AND 12")).isEqualTo(1);
      assertThat(column(twenty, "SELECT DISTINCT cap_hoc FROM truong")).containsExactlyInAnyOrder("MN", "TH", "THCS", "THPT");
    } finally {
      TestServices.dropDatabase(twenty);
    }
  }

  @Test
  void the_smallest_district_is_one_school_with_one_pupil() {
    PgUrl tiny = TestServices.freshDatabase("seed_tiny");
    try {
      SeedResult r = new DistrictSeeder(tiny, new SeedOptions(1, 1, 1, false)).seed(s -> {});
      assertThat(r.truong()).isEqualTo(1);
      assertThat(r.lop()).isEqualTo(1);
      assertThat(r.hocSinh()).isEqualTo(1);
      assertThat(r.giaoVien()).isEqualTo(2);
    } finally {
      TestServices.dropDatabase(tiny);
    }
  }

  @Test
  void options_are_validated_with_clear_messages() {
    assertThatThrownBy(() -> new SeedOptions(0, 10, 1, false)).hasMessageContaining("schools must be between 1 and 100000");
    assertThatThrownBy(() -> new SeedOptions(100_001, 10, 1, false)).hasMessageContaining("(got 100001)");
    assertThatThrownBy(() -> new SeedOptions(1, 5001, 1, false))
        .hasMessageContaining("students per school must be between 1 and 5000");
  }

  private static Predicate<String> matches(String regex) {
    Pattern p = Pattern.compile(regex);
    return s -> s != null && p.matcher(s).matches();
  }
}
