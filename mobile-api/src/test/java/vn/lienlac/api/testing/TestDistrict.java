package vn.lienlac.api.testing;

import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;

/**
 * A small district in our directory copy, the same in every API test, built so that every boundary
 * has something on the other side:
 * <pre>
 * district PGD01
 *   school S1 (THCS): class S1-6A1 (homeroom T1, T3 teaches maths), class S1-6A2 (homeroom T2)
 *   school S2 (THCS): class S2-7B1 (homeroom T4)
 * students: ST1 in S1-6A1, ST2 in S1-6A2, ST3 in S2-7B1, ST4 in S1-6A1 but transferred away
 * guardians: G1 (id 1001) of ST1 and ST2 (siblings), G2 (1002) of ST2, G3 (1003) of ST3, G4 (1004) of ST4 only
 *
 * district PGD09 (another district)
 *   school S9 (THCS): class S9-8C1 (homeroom T9)
 * student ST9 in S9-8C1; guardians G9 (1009) and G10 (1010, whose phone cannot be used) of ST9
 * </pre>
 * Staff callers use account ids 1–7 and 9; their tokens are minted directly (no account rows needed).
 */
public final class TestDistrict {

  public static final long G1 = 1001, G2 = 1002, G3 = 1003, G4 = 1004, G9 = 1009, G10 = 1010;
  public static final String G1_PHONE = "+84901000001", G2_PHONE = "+84901000002", G3_PHONE = "+84901000003",
      G4_PHONE = "+84901000004";

  private TestDistrict() {}

  public static void create(ApiTestServer api) {
    api.sql("""
        INSERT INTO directory.school (code, name, level, education_office_code, upstream_updated_at) VALUES
          ('S1', 'THCS Nguyễn Du', 'THCS', 'PGD01', now()),
          ('S2', 'THCS Lê Lợi', 'THCS', 'PGD01', now()),
          ('S9', 'THCS Ngoài Huyện', 'THCS', 'PGD09', now())""",
        """
        INSERT INTO directory.teacher (code, full_name, phone_e164, school_code, upstream_updated_at) VALUES
          ('T1', 'Nguyễn Thị Hoa', '+84912000001', 'S1', now()),
          ('T2', 'Trần Văn Nam', '+84912000002', 'S1', now()),
          ('T3', 'Lê Thị Mai', '+84912000003', 'S1', now()),
          ('T4', 'Phạm Văn Hùng', '+84912000004', 'S2', now()),
          ('T9', 'Vũ Thị Lan', '+84912000009', 'S9', now())""",
        """
        INSERT INTO directory.school_class (code, school_code, name, grade, school_year, homeroom_teacher_code, upstream_updated_at) VALUES
          ('S1-6A1', 'S1', '6A1', 6, '2026-2027', 'T1', now()),
          ('S1-6A2', 'S1', '6A2', 6, '2026-2027', 'T2', now()),
          ('S2-7B1', 'S2', '7B1', 7, '2026-2027', 'T4', now()),
          ('S9-8C1', 'S9', '8C1', 8, '2026-2027', 'T9', now())""",
        """
        INSERT INTO directory.teaching_assignment (teacher_code, class_code, subject, school_year, upstream_updated_at) VALUES
          ('T3', 'S1-6A1', 'Toán', '2026-2027', now())""",
        """
        INSERT INTO directory.student (national_id, full_name, birth_date, gender, class_code, status, upstream_updated_at) VALUES
          ('ST1', 'Nguyễn Minh An', '2014-03-01', 'male', 'S1-6A1', 'studying', now()),
          ('ST2', 'Nguyễn Thu Bình', '2014-05-02', 'female', 'S1-6A2', 'studying', now()),
          ('ST3', 'Hoàng Gia Cường', '2013-07-03', 'male', 'S2-7B1', 'studying', now()),
          ('ST4', 'Đỗ Thị Dung', '2014-09-04', 'female', 'S1-6A1', 'transferred', now()),
          ('ST9', 'Vũ Minh Khang', '2012-01-09', 'male', 'S9-8C1', 'studying', now())""",
        """
        INSERT INTO directory.guardian (id, full_name, phone_e164, language, upstream_updated_at) VALUES
          (1001, 'Nguyễn Văn Phụ', '+84901000001', 'vi', now()),
          (1002, 'Trần Thị Mẹ', '+84901000002', 'en', now()),
          (1003, 'Hoàng Văn Ba', '+84901000003', 'vi', now()),
          (1004, 'Đỗ Văn Tư', '+84901000004', 'vi', now()),
          (1009, 'Vũ Văn Chín', '+84901000009', 'vi', now())""",
        """
        INSERT INTO directory.guardian (id, full_name, phone_as_typed, phone_problem, language, upstream_updated_at) VALUES
          (1010, 'Vũ Thị Mười', '0123', 'too_short', 'vi', now())""",
        """
        INSERT INTO directory.guardian_student (student_id, guardian_id, relationship, primary_contact, upstream_updated_at) VALUES
          ('ST1', 1001, 'father', true, now()),
          ('ST2', 1001, 'father', true, now()),
          ('ST2', 1002, 'mother', false, now()),
          ('ST3', 1003, 'father', true, now()),
          ('ST4', 1004, 'father', true, now()),
          ('ST9', 1009, 'father', true, now()),
          ('ST9', 1010, 'mother', false, now())""");
  }

  public static Caller guardian(long id) {
    return Caller.guardian(id, "test-session-g" + id);
  }

  public static Caller homeroomTeacherOf6A1() {
    return Caller.staff(1, StaffRole.TEACHER, "S1", "PGD01", "T1", "test-session-s1");
  }

  public static Caller homeroomTeacherOf6A2() {
    return Caller.staff(2, StaffRole.TEACHER, "S1", "PGD01", "T2", "test-session-s2");
  }

  public static Caller mathsTeacherOf6A1() {
    return Caller.staff(3, StaffRole.TEACHER, "S1", "PGD01", "T3", "test-session-s3");
  }

  public static Caller teacherOfSchool2() {
    return Caller.staff(4, StaffRole.TEACHER, "S2", "PGD01", "T4", "test-session-s4");
  }

  public static Caller accountantOfSchool1() {
    return Caller.staff(5, StaffRole.ACCOUNTANT, "S1", "PGD01", null, "test-session-s5");
  }

  public static Caller principalOfSchool1() {
    return Caller.staff(6, StaffRole.PRINCIPAL, "S1", "PGD01", null, "test-session-s6");
  }

  public static Caller teacherOfSchool9() {
    return Caller.staff(9, StaffRole.TEACHER, "S9", "PGD09", "T9", "test-session-s9");
  }

  public static Caller districtOfficer() {
    return Caller.staff(7, StaffRole.DISTRICT_OFFICER, null, "PGD01", null, "test-session-s7");
  }
}
