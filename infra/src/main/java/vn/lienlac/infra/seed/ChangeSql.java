package vn.lienlac.infra.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session-local SQL helpers for {@link DistrictChanges}, so its statements read like the changes they
 * make: {@code pg_temp.h(key, salt)} is a deterministic non-negative hash of a key under the run's seed,
 * {@code pg_temp.word(list, h)} picks from the seed's word lists (names weighted as the seeder weights
 * them, mobile prefixes), {@code pg_temp.person(family, sex_and_generation, key)} composes a full name
 * and {@code pg_temp.phone(key)} a current mobile number. They vanish with the connection.
 */
final class ChangeSql {

  private ChangeSql() {}

  static void install(Connection connection, long seed) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TEMP TABLE seed_words (list text PRIMARY KEY, words text[] NOT NULL) ON COMMIT DROP");
      // The seed is a long, so writing it into the function body cannot inject anything.
      s.execute("CREATE FUNCTION pg_temp.h(k text, salt text) RETURNS bigint LANGUAGE sql IMMUTABLE"
          + " AS $$ SELECT (hashtext(k || ':' || salt || ':" + seed + "') & 2147483647)::bigint $$");
      s.execute("CREATE FUNCTION pg_temp.word(list text, h bigint) RETURNS text LANGUAGE sql STABLE"
          + " AS $$ SELECT words[1 + h % cardinality(words)] FROM pg_temp.seed_words w WHERE w.list = $1 $$");
      // kind: 'child_m', 'child_f', 'adult_m', 'adult_f'. A given name equal to the middle one is skipped.
      s.execute("CREATE FUNCTION pg_temp.person(family text, kind text, k text) RETURNS text LANGUAGE sql STABLE"
          + " AS $$ SELECT family || ' ' || m || ' ' || CASE WHEN g = m THEN g2 ELSE g END FROM (SELECT"
          + " pg_temp.word('middle_' || kind, pg_temp.h(k, 'middle')) AS m,"
          + " pg_temp.word('given_' || kind, pg_temp.h(k, 'given')) AS g,"
          + " pg_temp.word('given_' || kind, pg_temp.h(k, 'given') + 1) AS g2) x $$");
      s.execute("CREATE FUNCTION pg_temp.phone(k text) RETURNS text LANGUAGE sql STABLE"
          + " AS $$ SELECT '0' || pg_temp.word('mobile_prefix', pg_temp.h(k, 'prefix'))"
          + " || lpad((pg_temp.h(k, 'number') % 10000000)::text, 7, '0') $$");
      // "Nguyễn Thị Mai" → "nguyenthimai" for e-mail addresses (no unaccent extension needed).
      String from = foldable();
      StringBuilder to = new StringBuilder();
      from.codePoints().forEach(c -> to.append(Emails.fold(Character.toString(c))));
      s.execute("CREATE FUNCTION pg_temp.ascii_name(name text) RETURNS text LANGUAGE sql IMMUTABLE"
          + " AS $$ SELECT lower(replace(translate(name, '" + from + "', '" + to + "'), ' ', '')) $$");
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO pg_temp.seed_words VALUES (?, ?)")) {
      for (Map.Entry<String, List<String>> list : wordLists().entrySet()) {
        ps.setString(1, list.getKey());
        ps.setArray(2, connection.createArrayOf("text", list.getValue().toArray()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Map<String, List<String>> wordLists() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    lists.put("family", VietnameseNames.FAMILY.table());
    lists.put("middle_child_m", VietnameseNames.childMiddleNames(true));
    lists.put("middle_child_f", VietnameseNames.childMiddleNames(false));
    lists.put("given_child_m", VietnameseNames.childGivenNames(true));
    lists.put("given_child_f", VietnameseNames.childGivenNames(false));
    lists.put("middle_adult_m", VietnameseNames.adultMiddleNames(true));
    lists.put("middle_adult_f", VietnameseNames.adultMiddleNames(false));
    lists.put("given_adult_m", VietnameseNames.adultGivenNames(true));
    lists.put("given_adult_f", VietnameseNames.adultGivenNames(false));
    lists.put("mobile_prefix", PhoneNumbersAsTyped.MOBILE_PREFIXES.table());
    return lists;
  }

  /** Every Vietnamese letter with a diacritic, lower and upper case. */
  private static String foldable() {
    String lower = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    return lower + lower.toUpperCase(java.util.Locale.ROOT);
  }
}
