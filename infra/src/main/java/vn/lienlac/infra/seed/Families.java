package vn.lienlac.infra.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Parents and guardians, created family by family as pupils are written. A family is planned with one to
 * three children in the district; its later children are drawn from a pool of "open" families, mostly of
 * the same school, sometimes of an earlier school in the same urban district, so some guardians have
 * children in two schools. Only open families are remembered, and only within one district, so memory
 * stays bounded however many pupils there are.
 *
 * <p>Proportions: 85% of families have both parents (12% of them also a registered guardian, often the
 * grandparent who fetches the children), 7% only the mother, 3% only the father, 5% only a guardian:
 * about 1.95 guardians per family. With about 1.22 children per family in the district that gives about
 * 1.6 guardians per pupil and 2 links per pupil.
 */
final class Families {

  /** Open families of earlier schools kept for siblings; beyond this, random ones are forgotten. */
  private static final int EARLIER_SCHOOLS_CAPACITY = 4_096;

  /** A family's guardians (ids, relationships, which one is the main contact) and its children so far. */
  static final class Family {
    final long[] guardianIds;
    final String[] relationships;
    final int primary;
    /** Children carry their father's family name, whether or not he is registered. */
    final String childrenFamilyName;
    private long birthYears;
    private int openPlaces;

    private Family(long[] guardianIds, String[] relationships, int primary, String childrenFamilyName) {
      this.guardianIds = guardianIds;
      this.relationships = relationships;
      this.primary = primary;
      this.childrenFamilyName = childrenFamilyName;
    }

    private boolean hasChildBornIn(int year) {
      return (birthYears & (1L << (year % 64))) != 0;
    }
  }

  private final SplittableRandom random;
  private final CopyWriter.Table guardians;
  private final List<Family> thisSchool = new ArrayList<>();
  private final List<Family> earlierSchools = new ArrayList<>();
  private long nextGuardianId = 1;

  Families(SplittableRandom random, CopyWriter.Table guardians) {
    this.random = random;
    this.guardians = guardians;
  }

  /** Called between schools; a new urban district forgets the families of the previous one. */
  void nextSchool(boolean newDistrict) {
    if (newDistrict) {
      earlierSchools.clear();
    }
    for (Family family : thisSchool) {
      if (earlierSchools.size() < EARLIER_SCHOOLS_CAPACITY) {
        earlierSchools.add(family);
      } else {
        earlierSchools.set(random.nextInt(EARLIER_SCHOOLS_CAPACITY), family);
      }
    }
    thisSchool.clear();
  }

  /** The family of the next pupil, born in {@code birthYear}: an open family, or a new one. */
  Family of(int birthYear) {
    Family family = random.nextInt(100) < 18 ? openFamily(birthYear) : null;
    if (family == null) {
      family = create();
    }
    family.birthYears |= 1L << (birthYear % 64);
    return family;
  }

  /** A few tries at an open family with no child of the same age (twins are left out). */
  private Family openFamily(int birthYear) {
    for (int tries = 0; tries < 3; tries++) {
      boolean sameSchool = earlierSchools.isEmpty() || random.nextInt(100) < 75;
      List<Family> pool = sameSchool ? thisSchool : earlierSchools;
      if (pool.isEmpty()) {
        return null;
      }
      int i = random.nextInt(pool.size());
      Family family = pool.get(i);
      if (!family.hasChildBornIn(birthYear)) {
        if (--family.openPlaces == 0) {
          pool.set(i, pool.get(pool.size() - 1)); // swap-remove keeps removal O(1)
          pool.remove(pool.size() - 1);
        }
        return family;
      }
    }
    return null;
  }

  private Family create() {
    String familyName = VietnameseNames.familyName(random);
    String language = random.nextInt(100) == 0 ? "en" : "vi";
    int shape = random.nextInt(100);
    Family family;
    if (shape < 85) {
      long father = nextGuardianId;
      String fatherPhone = PhoneNumbersAsTyped.any(random);
      writeGuardian(VietnameseNames.adult(random, familyName, true), fatherPhone, language);
      // Now and then the school typed the father's number for the mother too.
      String motherPhone = random.nextInt(100) < 2 ? fatherPhone : PhoneNumbersAsTyped.any(random);
      writeGuardian(VietnameseNames.adult(random, VietnameseNames.familyName(random), false), motherPhone, language);
      int primary = random.nextInt(100) < 65 ? 1 : 0;
      if (random.nextInt(100) < 12) {
        long grandparent = guardian(familyName, language);
        family = new Family(new long[] {father, father + 1, grandparent}, new String[] {"cha", "me", "giam_ho"},
            primary, familyName);
      } else {
        family = new Family(new long[] {father, father + 1}, new String[] {"cha", "me"}, primary, familyName);
      }
    } else if (shape < 92) {
      long mother = guardian(VietnameseNames.familyName(random), false, language);
      family = new Family(new long[] {mother}, new String[] {"me"}, 0, familyName);
    } else if (shape < 95) {
      long father = guardian(familyName, true, language);
      family = new Family(new long[] {father}, new String[] {"cha"}, 0, familyName);
    } else {
      long keeper = guardian(familyName, language);
      family = new Family(new long[] {keeper}, new String[] {"giam_ho"}, 0, familyName);
    }
    // 81% of families have one child in the district, 16% two, 3% three.
    int children = random.nextInt(100);
    family.openPlaces = children < 81 ? 0 : children < 97 ? 1 : 2;
    if (family.openPlaces > 0) {
      thisSchool.add(family);
    }
    return family;
  }

  /** A guardian who is not a parent: a grandparent (the paternal grandfather shares the family name) or relative. */
  private long guardian(String familyName, String language) {
    boolean male = random.nextBoolean();
    return guardian(male ? familyName : VietnameseNames.familyName(random), male, language);
  }

  private long guardian(String familyName, boolean male, String language) {
    long id = nextGuardianId;
    writeGuardian(VietnameseNames.adult(random, familyName, male), PhoneNumbersAsTyped.any(random), language);
    return id;
  }

  private void writeGuardian(String name, String phone, String language) {
    String email = random.nextInt(100) < 30 ? Emails.personal(random, name) : null;
    guardians.number(nextGuardianId++).text(name).text(phone).text(email).text(language).end();
  }
}
