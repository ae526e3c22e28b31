package vn.lienlac.infra.seed;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/** E-mail addresses as parents and teachers have them: ASCII-folded names, common providers, a few typos. */
final class Emails {

  private static final Weighted<String> PERSONAL_DOMAINS = Weighted.of(
      "gmail.com", 80, "yahoo.com", 7, "outlook.com", 5, "icloud.com", 4, "hotmail.com", 2, "vnn.vn", 2);

  private Emails() {}

  /** "Nguyễn Thị Mai" → "nguyen thi mai": diacritics dropped, đ → d, lower case. */
  static String fold(String vietnamese) {
    String noD = vietnamese.replace('đ', 'd').replace('Đ', 'D');
    return Normalizer.normalize(noD, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
  }

  /**
   * A parent's address: "nguyenthimai87@gmail.com", "mai.nguyen@…", "maint1990@…". About one in a
   * hundred is mistyped (missing dot in the domain, or no '@'), as forms filled in by hand are.
   */
  static String personal(SplittableRandom random, String fullName) {
    String[] words = fold(fullName).split(" ");
    String family = words[0];
    String given = words[words.length - 1];
    String local = switch (random.nextInt(4)) {
      case 0 -> String.join("", words) + (80 + random.nextInt(20));
      case 1 -> given + "." + family;
      case 2 -> given + initials(words) + (1980 + random.nextInt(20));
      default -> String.join("", words);
    };
    String domain = PERSONAL_DOMAINS.pick(random);
    int typo = random.nextInt(100);
    if (typo == 0) {
      return local + "@" + domain.substring(0, domain.lastIndexOf('.'));
    }
    if (typo == 1) {
      return local + "." + domain;
    }
    return local + "@" + domain;
  }

  /** A teacher's school address: "maint.79760012@hcm.edu.vn" (given name, initials, school code). */
  static String teacher(String fullName, String schoolCode) {
    String[] words = fold(fullName).split(" ");
    return words[words.length - 1] + initials(words) + "." + schoolCode + "@hcm.edu.vn";
  }

  /** First letters of every word but the given name: "nguyen thi mai" → "nt". */
  private static String initials(String[] words) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length - 1; i++) {
      out.append(words[i].charAt(0));
    }
    return out.toString();
  }
}
