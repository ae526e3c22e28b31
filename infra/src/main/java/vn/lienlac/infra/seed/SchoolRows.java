package vn.lienlac.infra.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes one school with its teachers, classes and teaching assignments, and tells the caller which
 * classes to fill with pupils. Everything here is per school, so it is small and may live in memory.
 */
final class SchoolRows {

  /** A class to fill: its code, the birth year of its pupils and how many pupils it gets. */
  record ClassRoom(String code, int birthYear, int size) {}

  private final SplittableRandom random;
  private final int studentsPerSchool;
  private final DataDefects defects;
  private final CopyWriter.Table schools;
  private final CopyWriter.Table teachers;
  private final CopyWriter.Table classes;
  private final CopyWriter.Table assignments;

  SchoolRows(SplittableRandom random, int studentsPerSchool, DataDefects defects, CopyWriter.Table schools,
      CopyWriter.Table teachers, CopyWriter.Table classes, CopyWriter.Table assignments) {
    this.random = random;
    this.studentsPerSchool = studentsPerSchool;
    this.defects = defects;
    this.schools = schools;
    this.teachers = teachers;
    this.classes = classes;
    this.assignments = assignments;
  }

  List<ClassRoom> write(SchoolPlan.School school) {
    schools.text(school.code()).text(school.name()).text(school.level().name())
        .text(school.educationOffice()).text(school.address()).end();

    List<PlannedClass> planned = planClasses(school);
    int specialists = specialistCount(school.level(), planned.size());
    List<String> teacherCodes = writeTeachers(school, planned.size() + specialists);
    int badGradeClass = defects.badGrade(school.index()) ? random.nextInt(planned.size()) : -1;

    List<ClassRoom> rooms = new ArrayList<>(planned.size());
    for (int c = 0; c < planned.size(); c++) {
      PlannedClass p = planned.get(c);
      String code = school.code() + "-" + SchoolLevel.SchoolYear.START + "-" + p.grade.codePrefix() + p.number;
      String homeroom = teacherCodes.get(c); // teacher c is the homeroom teacher of class c
      int khoi = c == badGradeClass ? DataDefects.BAD_GRADE : p.grade.khoi();
      classes.text(code).text(school.code()).text(p.grade.namePrefix() + p.number).number(khoi)
          .text(SchoolLevel.SchoolYear.NAM_HOC).text(homeroom).end();
      writeAssignments(school.level(), p.grade.khoi(), c, code, homeroom, teacherCodes.subList(planned.size(),
          teacherCodes.size()));
      rooms.add(new ClassRoom(code, p.grade.birthYear(), p.size));
    }
    return rooms;
  }

  private record PlannedClass(SchoolLevel.Grade grade, int number, int size) {}

  /**
   * Pupils are spread evenly over the grades; each grade is split into classes of about the school's
   * usual size (35–45, depending on the school). Grades left without pupils (tiny schools) get no class.
   */
  private List<PlannedClass> planClasses(SchoolPlan.School school) {
    List<SchoolLevel.Grade> grades = school.level().grades;
    int usualSize = 35 + random.nextInt(11);
    List<PlannedClass> planned = new ArrayList<>();
    for (int g = 0; g < grades.size(); g++) {
      int inGrade = studentsPerSchool / grades.size() + (g < studentsPerSchool % grades.size() ? 1 : 0);
      if (inGrade == 0) {
        continue;
      }
      int count = Math.max(1, Math.round((float) inGrade / usualSize));
      for (int n = 0; n < count; n++) {
        planned.add(new PlannedClass(grades.get(g), n + 1, inGrade / count + (n < inGrade % count ? 1 : 0)));
      }
    }
    return planned;
  }

  /** Subject teachers per class beyond the homeroom teachers; overall about 1.5 teachers per class. */
  private static int specialistCount(SchoolLevel level, int classCount) {
    double perClass = switch (level) {
      case MN -> 0.5;   // a second teacher for every two groups
      case TH -> 0.35;
      case THCS -> 0.75;
      case THPT -> 0.8;
    };
    return Math.max(1, (int) Math.round(classCount * perClass));
  }

  private List<String> writeTeachers(SchoolPlan.School school, int count) {
    List<String> codes = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      String code = school.code() + "-GV" + String.format(Locale.ROOT, "%03d", t + 1);
      boolean male = random.nextInt(100) >= school.level().percentFemaleTeachers;
      String name = VietnameseNames.adult(random, VietnameseNames.familyName(random), male);
      String email = random.nextInt(10) < 9 ? Emails.teacher(name, school.code()) : null;
      teachers.text(code).text(name).text(PhoneNumbersAsTyped.any(random)).text(email).text(school.code()).end();
      codes.add(code);
    }
    return codes;
  }

  private void writeAssignments(SchoolLevel level, int khoi, int classIndex, String classCode, String homeroom,
      List<String> specialists) {
    for (String subject : Curriculum.homeroomSubjects(level, khoi)) {
      assign(homeroom, classCode, subject);
    }
    List<String> subjects = Curriculum.specialistSubjects(level, khoi, classIndex);
    String homeroomsOwn = Curriculum.homeroomTeachesOwnSubject(level) ? subjects.get(classIndex % subjects.size()) : null;
    for (String subject : subjects) {
      String teacher = subject.equals(homeroomsOwn) ? homeroom
          : specialists.get(Curriculum.specialistFor(level, subject, classIndex, specialists.size()));
      assign(teacher, classCode, subject);
    }
  }

  private void assign(String teacher, String classCode, String subject) {
    assignments.text(teacher).text(classCode).text(subject).text(SchoolLevel.SchoolYear.NAM_HOC).end();
  }
}
