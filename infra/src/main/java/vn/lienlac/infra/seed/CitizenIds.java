package vn.lienlac.infra.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Learner ids shaped like 12-digit citizen identity numbers (CCCD), which is what ma_dinh_danh is:
 * 3-digit province of birth registration, a century-and-sex digit (2 = male born 2000–2099, 3 =
 * female), the two last digits of the birth year, then 6 digits.
 *
 * <p>Ids must be unique across the district without remembering every id handed out. So the last six
 * digits come from a counter per (province, sex, birth year) bucket, scrambled by a bijection on
 * 0..999,999 (multiplying by a number coprime to 10^6) so they do not look sequential. When a bucket
 * is used up the id moves to the next province; with 63 provinces there is room for far more pupils
 * than the largest allowed seed.
 */
final class CitizenIds {

  /** The 63 provinces' codes as used in citizen ids (before the 2025 mergers); 079 is Hồ Chí Minh City. */
  private static final List<String> PROVINCES = List.of(
      "079", "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
      "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040",
      "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064",
      "066", "067", "068", "070", "072", "074", "075", "077", "080", "082", "083", "084", "086", "087",
      "089", "091", "092", "093", "094", "095", "096");
  private static final int HCMC = 0;
  private static final int FIRST_YEAR = 2000;
  private static final int YEARS = 100;
  private static final int SERIALS = 1_000_000;
  private static final long SCRAMBLE = 738_163; // odd and not a multiple of 5: coprime to 10^6

  /** Most pupils in a Hồ Chí Minh City school were registered there; the rest anywhere. */
  private static final Weighted<Integer> BIRTH_PROVINCE = provinceWeights();

  private final int[][][] used = new int[PROVINCES.size()][2][YEARS];
  private final long salt;

  CitizenIds(long seed) {
    this.salt = Math.floorMod(seed * 0x9E3779B97F4A7C15L, SERIALS);
  }

  String next(SplittableRandom random, boolean male, int birthYear) {
    if (birthYear < FIRST_YEAR || birthYear >= FIRST_YEAR + YEARS) {
      throw new IllegalArgumentException("birth year outside 2000–2099: " + birthYear);
    }
    int sex = male ? 0 : 1;
    int year = birthYear - FIRST_YEAR;
    int province = BIRTH_PROVINCE.pick(random);
    for (int tries = 0; tries < PROVINCES.size(); tries++) {
      int p = (province + tries) % PROVINCES.size();
      int n = used[p][sex][year];
      if (n < SERIALS) {
        used[p][sex][year] = n + 1;
        long bucketSalt = salt + p * 7_919L + sex * 104_729L + year * 1_299_709L;
        long serial = Math.floorMod(n * SCRAMBLE + bucketSalt, SERIALS);
        return PROVINCES.get(p) + (male ? '2' : '3') + twoDigits(year) + sixDigits(serial);
      }
    }
    throw new IllegalStateException("no learner ids left for birth year " + birthYear);
  }

  private static Weighted<Integer> provinceWeights() {
    List<Object> pairs = new ArrayList<>();
    for (int p = 0; p < PROVINCES.size(); p++) {
      pairs.add(p);
      pairs.add(p == HCMC ? 4 * (PROVINCES.size() - 1) : 1); // 80% Hồ Chí Minh City
    }
    return Weighted.of(pairs.toArray());
  }

  private static String twoDigits(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static String sixDigits(long n) {
    String s = Long.toString(n);
    return "000000".substring(s.length()) + s;
  }
}
