package vn.lienlac.infra.seed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.messaging.directory.DistrictSchema;

/**
 * Fills a stand-in district database (the {@link DistrictSchema} tables) with a realistic synthetic
 * district: schools, classes, teachers, assignments, pupils, guardians and their links, including the
 * messy phone numbers and the few broken rows real district data has.
 *
 * <p>It is a command-line tool, so it is plain blocking JDBC on one connection. Every row goes through
 * {@code COPY} in bounded chunks, with keys and indexes built once at the end, all in one transaction: a
 * failed seed leaves the database as it was.
 * The same options and seed give byte-identical data: one {@link SplittableRandom} drawn in a fixed
 * order, and nothing iterated in hash order.
 */
public final class DistrictSeeder {

  /** Rows per COPY: big enough to amortise the round trip, small enough to keep memory flat. */
  static final int CHUNK_ROWS = 20_000;

  private final PgUrl district;
  private final SeedOptions options;

  public DistrictSeeder(PgUrl district, SeedOptions options) {
    this.district = Objects.requireNonNull(district, "district");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Creates the tables if needed and writes the district. Refuses a database that already has data
   * unless {@link SeedOptions#replace()}, in which case the seven tables are emptied first (in the same
   * transaction, so the old data stays if the seed fails).
   *
   * @param progress receives a line now and then (schools done, pupils written)
   * @throws IllegalStateException if the database has data and replace is off, or if writing fails
   */
  public SeedResult seed(Consumer<String> progress) {
    long started = System.nanoTime();
    SeedResult counts;
    try (Connection connection = DriverManager.getConnection(district.jdbcUrl(), district.user(), district.password())) {
      connection.setAutoCommit(false);
      try {
        prepare(connection, progress);
        IndexesAside indexes = IndexesAside.drop(connection, DistrictSchema.TABLES);
        counts = write(connection, progress);
        progress.accept("building keys and indexes");
        indexes.rebuild(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
      // Fresh statistics so the sync's "changed since" range scans get good plans straight away.
      progress.accept("ANALYZE");
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement()) {
        s.execute("ANALYZE " + String.join(", ", DistrictSchema.TABLES));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("seeding the district database " + district + " failed: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    SeedResult result = new SeedResult(counts.truong(), counts.lop(), counts.giaoVien(), counts.phanCong(),
        counts.hocSinh(), counts.phuHuynh(), counts.hocSinhPhuHuynh(), seconds);
    progress.accept("done: " + result);
    return result;
  }

  private void prepare(Connection connection, Consumer<String> progress) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(DistrictSchema.ddl());
      if (hasData(s)) {
        if (!options.replace()) {
          throw new IllegalStateException("Cơ sở dữ liệu sở đã có dữ liệu (" + district.database()
              + "); thêm --replace để xoá và tạo lại. / The district database already has data; pass --replace"
              + " to empty it and seed again.");
        }
        progress.accept("replacing existing data");
      }
      // Also when empty: COPY FREEZE needs the tables emptied in this transaction.
      s.execute("TRUNCATE " + String.join(", ", DistrictSchema.TABLES));
    }
  }

  /** Any row in any of the seven tables counts: seeding on top of partial data would collide on keys. */
  private static boolean hasData(Statement s) throws SQLException {
    String anyRow = String.join(" OR ",
        DistrictSchema.TABLES.stream().map(t -> "EXISTS (SELECT 1 FROM " + t + ")").toList());
    try (ResultSet rs = s.executeQuery("SELECT " + anyRow)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private SeedResult write(Connection connection, Consumer<String> progress) throws SQLException {
    CopyWriter copy = new CopyWriter(connection, CHUNK_ROWS);
    CopyWriter.Table truong = copy.table("truong", "ma_truong", "ten_truong", "cap_hoc", "ma_phong_gd", "dia_chi");
    CopyWriter.Table giaoVien = copy.table("giao_vien", "ma_gv", "ho_ten", "so_dien_thoai", "email", "ma_truong");
    CopyWriter.Table lop = copy.table("lop", "ma_lop", "ma_truong", "ten_lop", "khoi", "nam_hoc", "ma_gvcn");
    CopyWriter.Table phanCong = copy.table("phan_cong", "ma_gv", "ma_lop", "mon_hoc", "nam_hoc");
    CopyWriter.Table hocSinh = copy.table("hoc_sinh",
        "ma_dinh_danh", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_lop", "trang_thai");
    CopyWriter.Table phuHuynh = copy.table("phu_huynh", "id", "ho_ten", "so_dien_thoai", "email", "ngon_ngu");
    CopyWriter.Table links = copy.table("hoc_sinh_phu_huynh",
        "ma_dinh_danh", "phu_huynh_id", "quan_he", "la_lien_he_chinh");

    SplittableRandom random = new SplittableRandom(options.seed());
    DataDefects defects = new DataDefects(options);
    SchoolPlan plan = new SchoolPlan(options.schools(), random);
    SchoolRows schools = new SchoolRows(random, options.studentsPerSchool(), defects, truong, giaoVien, lop, phanCong);
    Families families = new Families(random, phuHuynh);
    StudentRows students = new StudentRows(random, families, new CitizenIds(options.seed()), defects, hocSinh, links);

    int reportEvery = Math.max(1, options.schools() / 10);
    SchoolPlan.District district = null;
    while (plan.hasNext()) {
      SchoolPlan.School school = plan.next();
      families.nextSchool(!school.district().equals(district));
      district = school.district();
      List<SchoolRows.ClassRoom> rooms = schools.write(school);
      for (SchoolRows.ClassRoom room : rooms) {
        students.write(room);
      }
      if ((school.index() + 1) % reportEvery == 0 || !plan.hasNext()) {
        progress.accept(String.format(Locale.ROOT, "%d/%d schools, %d pupils, %d guardians", school.index() + 1,
            options.schools(), hocSinh.rows(), phuHuynh.rows()));
      }
    }
    copy.flushAll();
    return new SeedResult(truong.rows(), lop.rows(), giaoVien.rows(), phanCong.rows(), hocSinh.rows(),
        phuHuynh.rows(), links.rows(), 0);
  }
}
