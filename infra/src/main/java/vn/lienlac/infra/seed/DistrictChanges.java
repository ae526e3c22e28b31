package vn.lienlac.infra.seed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import vn.lienlac.infra.support.db.PgUrl;

/**
 * Changes a seeded district database the way a stretch of school year does, so incremental sync has
 * real work: pupils move class within their school or transfer out, new pupils join existing classes
 * with their parents, guardians change phone numbers and e-mail addresses, grandparents are added as
 * guardians, parents swap who is the main contact, teachers change phones and some lessons get another
 * teacher.
 *
 * <p>Everything is set-based SQL in one transaction. Rows are chosen deterministically: a row takes
 * part when the hash of its key under the seed falls into a band of 10,000 buckets, so the same
 * fraction and seed always pick the same rows. Updates only touch rows whose content really changes,
 * so the upstream trigger moves updated_at exactly for the changed rows; new rows get it by default.
 */
public final class DistrictChanges {

  private static final int BUCKETS = 10_000;

  private DistrictChanges() {}

  /**
   * Changes about {@code fraction} of the pupils, guardians, links, teachers and assignments.
   *
   * @param fraction between 0 (exclusive) and 1, e.g. 0.01 for one row in a hundred
   */
  public static ChangeResult apply(PgUrl district, double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1] (got " + fraction + ")");
    }
    int t = Math.max(1, (int) Math.round(fraction * BUCKETS));
    try (Connection connection = DriverManager.getConnection(district.jdbcUrl(), district.user(), district.password())) {
      connection.setAutoCommit(false);
      try {
        ChangeSql.install(connection, seed);
        ChangeResult result;
        try (Statement s = connection.createStatement()) {
          result = apply(s, t);
        }
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("changing the district database " + district + " failed: " + e.getMessage(), e);
    }
  }

  /** The bucket (0..9,999) of a key under the run's seed; {@code salt} makes each kind of change pick independently. */
  private static String bucket(String key, String salt) {
    return "pg_temp.h(" + key + ", '" + salt + "') % " + BUCKETS;
  }

  /** Updates first, inserts last, so no new row is also counted as updated. */
  private static ChangeResult apply(Statement s, int t) throws SQLException {
    // Pupils: one hash band each for moving class, transferring out, and bringing a new classmate.
    int moveUpTo = t / 2;
    int transferUpTo = t * 3 / 4;
    String pupil = bucket("h.ma_dinh_danh", "pupil");
    String link = bucket("ma_dinh_danh", "link");

    int moved = s.executeUpdate("WITH next_class AS (SELECT ma_lop,"
        + " coalesce(lead(ma_lop) OVER w, first_value(ma_lop) OVER w) AS other FROM lop"
        + " WINDOW w AS (PARTITION BY ma_truong, khoi, nam_hoc ORDER BY ma_lop))"
        + " UPDATE hoc_sinh h SET ma_lop = n.other FROM next_class n"
        + " WHERE n.ma_lop = h.ma_lop AND n.other <> h.ma_lop AND h.trang_thai = 'dang_hoc'"
        + " AND " + pupil + " < " + moveUpTo);
    int transferred = s.executeUpdate("UPDATE hoc_sinh h SET trang_thai = 'chuyen_truong'"
        + " WHERE h.trang_thai = 'dang_hoc' AND " + pupil + " >= " + moveUpTo + " AND " + pupil + " < " + transferUpTo);

    // Guardians: two thirds of the band get a new phone number, one third a new e-mail address.
    String guardian = bucket("id::text", "guardian");
    String newEmail = "CASE WHEN email LIKE '%_@_%' THEN split_part(email, '@', 1) || '@outlook.com'"
        + " ELSE coalesce(nullif(pg_temp.ascii_name(ho_ten), ''), 'phuhuynh' || id) || '@gmail.com' END";
    int phones = s.executeUpdate("UPDATE phu_huynh SET so_dien_thoai = pg_temp.phone(id::text)"
        + " WHERE " + guardian + " < " + (t * 2 / 3) + " AND so_dien_thoai IS DISTINCT FROM pg_temp.phone(id::text)");
    int emails = s.executeUpdate("UPDATE phu_huynh SET email = " + newEmail
        + " WHERE " + guardian + " >= " + (t * 2 / 3) + " AND " + guardian + " < " + t
        + " AND email IS DISTINCT FROM " + newEmail);

    // Links: in two-parent families the other parent becomes the main contact.
    int swapped = s.executeUpdate("UPDATE hoc_sinh_phu_huynh SET la_lien_he_chinh = NOT la_lien_he_chinh"
        + " WHERE " + link + " < " + (t / 2) + " AND ma_dinh_danh IN (SELECT ma_dinh_danh FROM hoc_sinh_phu_huynh"
        + " WHERE " + link + " < " + (t / 2) + " GROUP BY 1"
        + " HAVING count(*) = 2 AND count(*) FILTER (WHERE la_lien_he_chinh) = 1)");

    // Teachers change phones; some lessons pass to the next teacher of the same school.
    int teachers = s.executeUpdate("UPDATE giao_vien SET so_dien_thoai = pg_temp.phone(ma_gv)"
        + " WHERE " + bucket("ma_gv", "teacher") + " < " + t
        + " AND so_dien_thoai IS DISTINCT FROM pg_temp.phone(ma_gv)");
    int reassigned = s.executeUpdate("WITH next_teacher AS (SELECT ma_gv,"
        + " coalesce(lead(ma_gv) OVER w, first_value(ma_gv) OVER w) AS other FROM giao_vien"
        + " WINDOW w AS (PARTITION BY ma_truong ORDER BY ma_gv))"
        + " UPDATE phan_cong p SET ma_gv = n.other FROM next_teacher n"
        + " WHERE n.ma_gv = p.ma_gv AND n.other <> p.ma_gv"
        + " AND " + bucket("p.ma_gv || '/' || p.ma_lop || '/' || p.mon_hoc", "lesson") + " < " + t
        + " AND NOT EXISTS (SELECT 1 FROM phan_cong q WHERE q.ma_gv = n.other AND q.ma_lop = p.ma_lop"
        + " AND q.mon_hoc = p.mon_hoc)");

    int[] grandparents = addGrandparents(s, bucket("h.ma_dinh_danh", "link"), t);
    int[] newcomers = addPupils(s, pupil, transferUpTo, t);
    return new ChangeResult(moved, transferred, newcomers[0], phones + emails, grandparents[0] + newcomers[1],
        swapped, grandparents[1] + newcomers[2], teachers, reassigned);
  }

  /**
   * A grandparent becomes a registered guardian of pupils in the other half of the link band (those
   * without one yet); the main contact for a pupil who had no guardian at all. Returns {guardians, links}.
   */
  private static int[] addGrandparents(Statement s, String link, int t) throws SQLException {
    s.execute("CREATE TEMP TABLE new_guardian ON COMMIT DROP AS"
        + " SELECT m.base + row_number() OVER (ORDER BY h.ma_dinh_danh) AS id, h.ma_dinh_danh,"
        + " CASE WHEN pg_temp.h(h.ma_dinh_danh, 'grandpa') % 2 = 0"
        + "  THEN pg_temp.person(coalesce(nullif(split_part(btrim(h.ho_ten), ' ', 1), ''),"
        + "   pg_temp.word('family', pg_temp.h(h.ma_dinh_danh, 'family'))), 'adult_m', h.ma_dinh_danh)"
        + "  ELSE pg_temp.person(pg_temp.word('family', pg_temp.h(h.ma_dinh_danh, 'family')), 'adult_f', h.ma_dinh_danh)"
        + " END AS ho_ten,"
        + " pg_temp.phone(h.ma_dinh_danh || '/grandparent') AS so_dien_thoai,"
        + " NOT EXISTS (SELECT 1 FROM hoc_sinh_phu_huynh l WHERE l.ma_dinh_danh = h.ma_dinh_danh) AS main_contact"
        + " FROM hoc_sinh h CROSS JOIN (SELECT coalesce(max(id), 0) AS base FROM phu_huynh) m"
        + " WHERE " + link + " >= " + (t / 2) + " AND " + link + " < " + t
        + " AND h.trang_thai = 'dang_hoc' AND NOT EXISTS (SELECT 1 FROM hoc_sinh_phu_huynh l"
        + "  WHERE l.ma_dinh_danh = h.ma_dinh_danh AND l.quan_he = 'giam_ho')");
    int guardians = s.executeUpdate("INSERT INTO phu_huynh (id, ho_ten, so_dien_thoai, ngon_ngu)"
        + " SELECT id, ho_ten, so_dien_thoai, 'vi' FROM new_guardian ORDER BY id");
    int links = s.executeUpdate("INSERT INTO hoc_sinh_phu_huynh (ma_dinh_danh, phu_huynh_id, quan_he, la_lien_he_chinh)"
        + " SELECT ma_dinh_danh, id, 'giam_ho', main_contact FROM new_guardian ORDER BY id");
    return new int[] {guardians, links};
  }

  /**
   * A new classmate for each pupil in the last band: same class, same birth year, a new learner id and
   * new parents (a mother, and a father four times in five; the mother is the main contact). Returns
   * {pupils, guardians, links}.
   */
  private static int[] addPupils(Statement s, String pupil, int from, int to) throws SQLException {
    s.execute("CREATE TEMP TABLE new_pupil ON COMMIT DROP AS SELECT DISTINCT ON (c.ma_dinh_danh) c.* FROM ("
        + " SELECT '079' || CASE WHEN male THEN '2' ELSE '3' END || to_char(born, 'YY')"
        + "  || lpad((pg_temp.h(k, 'id') % 1000000)::text, 6, '0') AS ma_dinh_danh,"
        + "  male, born, ma_lop, family, k FROM (SELECT h.ma_dinh_danh AS k, h.ma_lop,"
        + "   pg_temp.h(h.ma_dinh_danh, 'sex') % 2 = 0 AS male,"
        + "   date_trunc('year', h.ngay_sinh)::date + (pg_temp.h(h.ma_dinh_danh, 'born') % 365)::int AS born,"
        + "   pg_temp.word('family', pg_temp.h(h.ma_dinh_danh, 'family')) AS family"
        + "  FROM hoc_sinh h WHERE h.trang_thai = 'dang_hoc' AND h.ngay_sinh IS NOT NULL"
        + "  AND " + pupil + " >= " + from + " AND " + pupil + " < " + to + ") t) c"
        + " WHERE NOT EXISTS (SELECT 1 FROM hoc_sinh x WHERE x.ma_dinh_danh = c.ma_dinh_danh)"
        + " ORDER BY c.ma_dinh_danh, c.k");
    int pupils = s.executeUpdate("INSERT INTO hoc_sinh (ma_dinh_danh, ho_ten, ngay_sinh, gioi_tinh, ma_lop, trang_thai)"
        + " SELECT ma_dinh_danh, pg_temp.person(family, CASE WHEN male THEN 'child_m' ELSE 'child_f' END, k),"
        + " born, CASE WHEN male THEN 'Nam' ELSE 'Nữ' END, ma_lop, 'dang_hoc' FROM new_pupil ORDER BY ma_dinh_danh");
    s.execute("CREATE TEMP TABLE new_parent ON COMMIT DROP AS"
        + " SELECT m.base + row_number() OVER (ORDER BY n.ma_dinh_danh, r.quan_he) AS id, n.ma_dinh_danh, r.quan_he,"
        + " CASE r.quan_he WHEN 'cha' THEN pg_temp.person(n.family, 'adult_m', n.k || '/cha')"
        + "  ELSE pg_temp.person(pg_temp.word('family', pg_temp.h(n.k, 'mother')), 'adult_f', n.k || '/me') END AS ho_ten,"
        + " pg_temp.phone(n.k || '/' || r.quan_he) AS so_dien_thoai"
        + " FROM new_pupil n CROSS JOIN (VALUES ('cha'), ('me')) r (quan_he)"
        + " CROSS JOIN (SELECT coalesce(max(id), 0) AS base FROM phu_huynh) m"
        + " WHERE r.quan_he = 'me' OR pg_temp.h(n.k, 'father') % 5 <> 0");
    int guardians = s.executeUpdate("INSERT INTO phu_huynh (id, ho_ten, so_dien_thoai, ngon_ngu)"
        + " SELECT id, ho_ten, so_dien_thoai, 'vi' FROM new_parent ORDER BY id");
    int links = s.executeUpdate("INSERT INTO hoc_sinh_phu_huynh (ma_dinh_danh, phu_huynh_id, quan_he, la_lien_he_chinh)"
        + " SELECT ma_dinh_danh, id, quan_he, quan_he = 'me' FROM new_parent ORDER BY id");
    return new int[] {pupils, guardians, links};
  }
}
