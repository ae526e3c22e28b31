package vn.lienlac.infra.seed;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes the pupils of a class and the links to their guardians, one pupil at a time: nothing about a
 * pupil is kept once written, which is what keeps a 500,000-pupil seed in bounded memory.
 */
final class StudentRows {

  private final SplittableRandom random;
  private final Families families;
  private final CitizenIds ids;
  private final DataDefects defects;
  private final CopyWriter.Table students;
  private final CopyWriter.Table links;
  private long index;

  StudentRows(SplittableRandom random, Families families, CitizenIds ids, DataDefects defects,
      CopyWriter.Table students, CopyWriter.Table links) {
    this.random = random;
    this.families = families;
    this.ids = ids;
    this.defects = defects;
    this.students = students;
    this.links = links;
  }

  void write(SchoolRows.ClassRoom room) {
    for (int i = 0; i < room.size(); i++) {
      writeOne(room);
    }
  }

  private void writeOne(SchoolRows.ClassRoom room) {
    boolean male = random.nextInt(1000) < 512; // about 106 boys for 100 girls at birth
    // About 2% started school late or repeated a year.
    int birthYear = room.birthYear() - (random.nextInt(100) < 2 ? 1 : 0);
    // About 0.3% of pupils have no guardian registered: the data-quality report's "no guardian".
    Families.Family family = random.nextInt(1000) < 3 ? null : families.of(birthYear);
    String familyName = family != null ? family.childrenFamilyName : VietnameseNames.familyName(random);
    String name = VietnameseNames.child(random, familyName, male);
    String id = ids.next(random, male, birthYear);
    LocalDate born = LocalDate.ofYearDay(birthYear, 1 + random.nextInt(LocalDate.of(birthYear, 1, 1).lengthOfYear()));
    String status = status();
    if (defects.blankName(index)) {
      name = DataDefects.BLANK_NAME;
    } else if (defects.unknownStatus(index)) {
      status = DataDefects.UNKNOWN_STATUS;
    }
    index++;
    students.text(id).text(name).text(born.toString()).text(male ? "Nam" : "Nữ").text(room.code()).text(status).end();
    if (family != null) {
      for (int g = 0; g < family.guardianIds.length; g++) {
        links.text(id).number(family.guardianIds[g]).text(family.relationships[g]).bool(g == family.primary).end();
      }
    }
  }

  /** Pupils who left during the year keep their row: 1% moved to another school, 0.5% dropped out. */
  private String status() {
    int r = random.nextInt(1000);
    if (r < 10) {
      return "chuyen_truong";
    }
    return r < 15 ? "thoi_hoc" : "dang_hoc";
  }
}
