package vn.lienlac.api.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.testing.TestDistrict.G1;
import static vn.lienlac.api.testing.TestDistrict.G2;
import static vn.lienlac.api.testing.TestDistrict.G3;
import static vn.lienlac.api.threads.ThreadFixture.opening;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.TestDistrict;

/** Two-way threads against real PostgreSQL and Redis: who takes part, who sees what, read state, pages. */
class ThreadsTest {

  static final Caller FATHER = TestDistrict.guardian(G1); // of ST1 (6A1) and ST2 (6A2)
  static final Caller MOTHER = TestDistrict.guardian(G2); // of ST2 only
  static final Caller OTHER_FAMILY = TestDistrict.guardian(G3);
  static final Caller T1 = TestDistrict.homeroomTeacherOf6A1();
  static final Caller T2 = TestDistrict.homeroomTeacherOf6A2();
  static final Caller T3 = TestDistrict.mathsTeacherOf6A1();
  static final Caller PRINCIPAL = TestDistrict.principalOfSchool1();

  ThreadFixture f;

  @BeforeEach
  void start() {
    f = new ThreadFixture("threads");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void a_teacher_writes_to_both_parents_of_a_student_and_the_sibling_in_another_class_is_not_involved() {
    JsonObject opened = f.open(T2, opening("ST2", "Họp phụ huynh", "Mời anh chị đến họp thứ Sáu."));
    long thread = opened.getJsonObject("thread").getLong("id");
    long message = opened.getJsonObject("message").getLong("id");

    assertThat(f.rows("SELECT guardian_id, student_ids::text FROM messaging.recipient WHERE message_id = " + message
        + " ORDER BY guardian_id")).containsExactly(G1 + "|{ST2}", G2 + "|{ST2}");
    assertThat(f.rows("SELECT kind, status, sender_subject, sender_role, school_year FROM messaging.message WHERE id = " + message))
        .containsExactly("thread|queued|s:2|teacher|2026-2027");
    assertThat(f.rows("SELECT sum(recipients) FROM messaging.message_count WHERE message_id = " + message)).containsExactly("2");
    assertThat(f.events("g:" + G1)).containsExactly("message.created|" + message + "|" + thread);
    assertThat(f.events("g:" + G2)).containsExactly("message.created|" + message + "|" + thread);
    assertThat(f.rows("SELECT action, resource_id FROM api.audit_event ORDER BY id"))
        .containsExactly("thread.opened|" + thread, "thread.message_posted|" + thread);

    JsonObject seen = f.thread(MOTHER, thread);
    assertThat(seen.getJsonObject("student").getString("id")).isEqualTo("ST2");
    assertThat(seen.getJsonArray("guardians").stream().map(g -> ((JsonObject) g).getLong("id")).toList())
        .containsExactly(G1, G2);
    assertThat(seen.getJsonObject("messages").getJsonArray("items").getJsonObject(0).getString("body"))
        .isEqualTo("Mời anh chị đến họp thứ Sáu.");
    // ST1's teacher and another family do not see it; the principal reads along.
    assertThat(f.get(T1, "/threads/" + thread).statusCode()).isEqualTo(404);
    assertThat(f.get(OTHER_FAMILY, "/threads/" + thread).statusCode()).isEqualTo(404);
    assertThat(f.thread(PRINCIPAL, thread).getBoolean("canPost")).isFalse();

    // A thread about ST1 reaches the father only.
    JsonObject aboutSibling = f.open(T1, opening("ST1", "Bài tập", "An quên vở."));
    assertThat(f.rows("SELECT guardian_id FROM messaging.recipient WHERE message_id = "
        + aboutSibling.getJsonObject("message").getLong("id"))).containsExactly(String.valueOf(G1));
  }

  @Test
  void a_guardian_writes_to_the_homeroom_teacher_by_default_or_to_a_subject_teacher_by_code() {
    JsonObject toHomeroom = f.open(FATHER, opening("ST1", "Xin nghỉ học", "Cháu An ốm, xin nghỉ hôm nay."));
    JsonObject toMaths = f.open(FATHER, opening("ST1", "Bài kiểm tra", "Cô cho cháu xem lại bài.").put("teacherCode", "T3"));
    long homeroomThread = toHomeroom.getJsonObject("thread").getLong("id");
    long mathsThread = toMaths.getJsonObject("thread").getLong("id");

    assertThat(toHomeroom.getJsonObject("thread").getJsonObject("staff").getString("teacherCode")).isEqualTo("T1");
    assertThat(toMaths.getJsonObject("thread").getJsonObject("staff").getString("teacherCode")).isEqualTo("T3");
    assertThat(f.events("s:1")).containsExactly("message.created|" + toHomeroom.getJsonObject("message").getLong("id")
        + "|" + homeroomThread);
    assertThat(f.events("s:3")).hasSize(1);
    // The guardian's own message gets no recipient row: only other guardians do.
    assertThat(f.rows("SELECT count(*) FROM messaging.recipient")).containsExactly("0");
    // Each teacher sees their own thread only; the other parent of ST2 is not drawn in.
    assertThat(f.get(T1, "/threads/" + mathsThread).statusCode()).isEqualTo(404);
    assertThat(f.thread(T3, mathsThread).getBoolean("unread")).isTrue();
    assertThat(ids(f.get(T1, "/threads"))).containsExactly(homeroomThread);
    assertThat(ids(f.get(MOTHER, "/threads"))).isEmpty();
    assertThat(ids(f.get(FATHER, "/threads"))).containsExactly(mathsThread, homeroomThread);
    // Guardians do not audit; no staff changed anything.
    assertThat(f.rows("SELECT count(*) FROM api.audit_event")).containsExactly("0");
  }

  @Test
  void a_guardian_cannot_write_to_a_teacher_who_does_not_teach_their_child_nor_to_another_guardian() {
    HttpResponse<String> otherClass = f.post(FATHER, "/threads", opening("ST1", "Hỏi", "Chào thầy.").put("teacherCode", "T2"));
    assertThat(otherClass.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(otherClass.body()).getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("/teacherCode");
    HttpResponse<String> otherSchool = f.post(FATHER, "/threads", opening("ST1", "Hỏi", "Chào thầy.").put("teacherCode", "T4"));
    assertThat(otherSchool.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(otherSchool.body()).getString("type")).endsWith("/thread-teacher-invalid");

    HttpResponse<String> toGuardian = f.post(FATHER, "/threads", opening("ST2", "Chào chị", "Chào chị.").put("guardianId", G2));
    assertThat(toGuardian.statusCode()).isEqualTo(400);
    assertThat(toGuardian.body()).contains("guardianId");
    HttpResponse<String> aboutAnotherChild = f.post(FATHER, "/threads", opening("ST3", "Hỏi", "Chào thầy."));
    assertThat(aboutAnotherChild.statusCode()).isEqualTo(404);
    // A teacher cannot write about a student they do not teach, nor about one who left.
    assertThat(f.post(T2, "/threads", opening("ST1", "Hỏi", "Chào anh.")).statusCode()).isEqualTo(404);
    assertThat(f.post(T1, "/threads", opening("ST4", "Hỏi", "Chào anh.")).statusCode()).isEqualTo(404);
    assertThat(f.rows("SELECT (SELECT count(*) FROM messaging.thread) + (SELECT count(*) FROM messaging.message)"))
        .as("nothing partial is stored").containsExactly("0");
  }

  @Test
  void a_principal_reads_the_schools_threads_but_cannot_write_in_a_teachers_thread() {
    long thread = f.open(FATHER, opening("ST1", "Xin nghỉ", "Cháu ốm.")).getJsonObject("thread").getLong("id");
    assertThat(ids(f.get(PRINCIPAL, "/threads"))).containsExactly(thread);
    assertThat(f.post(PRINCIPAL, "/threads/" + thread + "/messages", new JsonObject().put("body", "Tôi là hiệu trưởng"))
        .statusCode()).isEqualTo(404);
    assertThat(f.post(PRINCIPAL, "/threads/" + thread + "/read", new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(f.rows("SELECT count(*) FROM messaging.message WHERE sender_subject = 's:6'")).containsExactly("0");
    // Another school's teacher does not even see it.
    assertThat(f.get(TestDistrict.teacherOfSchool2(), "/threads/" + thread).statusCode()).isEqualTo(404);
  }

  @Test
  void read_positions_move_forward_and_clear_the_unread_flag_on_each_side() {
    JsonObject opened = f.open(T1, opening("ST1", "Bài tập", "An quên vở."));
    long thread = opened.getJsonObject("thread").getLong("id");
    long first = opened.getJsonObject("message").getLong("id");
    assertThat(f.thread(FATHER, thread).getBoolean("unread")).isTrue();
    assertThat(f.thread(T1, thread).getBoolean("unread")).as("their own message").isFalse();

    HttpResponse<String> read = f.post(FATHER, "/threads/" + thread + "/read", new JsonObject());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(new JsonObject(read.body()).getLong("lastReadMessageId")).isEqualTo(first);
    assertThat(f.thread(FATHER, thread).getBoolean("unread")).isFalse();
    assertThat(f.rows("SELECT read_at IS NOT NULL FROM messaging.recipient WHERE message_id = " + first)).containsExactly("t");
    assertThat(f.rows("SELECT sum(read) FROM messaging.message_count WHERE message_id = " + first)).containsExactly("1");
    assertThat(f.events("s:1")).containsExactly("message.read|null|" + thread);
    // Reading again changes nothing and tells nobody.
    f.post(FATHER, "/threads/" + thread + "/read", new JsonObject());
    assertThat(f.rows("SELECT sum(read) FROM messaging.message_count WHERE message_id = " + first)).containsExactly("1");
    assertThat(f.events("s:1")).hasSize(1);

    long answer = f.write(FATHER, thread, "Cảm ơn cô.").getLong("id");
    assertThat(f.thread(T1, thread).getBoolean("unread")).isTrue();
    assertThat(f.thread(FATHER, thread).getBoolean("unread")).as("their own message").isFalse();
    HttpResponse<String> teacherReads = f.post(T1, "/threads/" + thread + "/read", new JsonObject().put("upToMessageId", first));
    assertThat(new JsonObject(teacherReads.body()).getLong("lastReadMessageId")).isEqualTo(first);
    assertThat(f.thread(T1, thread).getBoolean("unread")).as("the answer is after the position").isTrue();
    f.post(T1, "/threads/" + thread + "/read", new JsonObject().put("upToMessageId", answer + 1000));
    assertThat(f.thread(T1, thread).getBoolean("unread")).isFalse();
    assertThat(f.rows("SELECT last_read_message_id FROM messaging.thread_participant WHERE party = 'staff'"))
        .containsExactly(String.valueOf(answer));
    assertThat(f.events("g:" + G1)).last().asString().startsWith("message.read");
  }

  @Test
  void threads_come_newest_activity_first_and_messages_newest_first_in_cursor_pages() {
    long a = f.open(T1, opening("ST1", "Một", "1")).getJsonObject("thread").getLong("id");
    long b = f.open(T1, opening("ST1", "Hai", "2")).getJsonObject("thread").getLong("id");
    long c = f.open(T1, opening("ST1", "Ba", "3")).getJsonObject("thread").getLong("id");
    f.write(FATHER, a, "a moves to the top");

    JsonObject first = new JsonObject(f.get(FATHER, "/threads?limit=2").body());
    assertThat(ids(first)).containsExactly(a, c);
    JsonObject second = new JsonObject(f.get(FATHER, "/threads?limit=2&cursor=" + first.getString("nextCursor")).body());
    assertThat(ids(second)).containsExactly(b);
    assertThat(second.getString("nextCursor")).isNull();
    assertThat(f.get(FATHER, "/threads?cursor=not-a-cursor").statusCode()).isEqualTo(400);

    for (int i = 0; i < 3; i++) {
      f.write(T1, a, "thêm " + i);
    }
    List<String> bodies = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = new JsonObject(f.get(FATHER, "/threads/" + a + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
          .body()).getJsonObject("messages");
      page.getJsonArray("items").forEach(m -> bodies.add(((JsonObject) m).getString("body")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(bodies).containsExactly("thêm 2", "thêm 1", "thêm 0", "a moves to the top", "1");
    assertThat(pages).isEqualTo(3);
  }

  private static List<Long> ids(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ids(new JsonObject(r.body()));
  }

  private static List<Long> ids(JsonObject page) {
    JsonArray items = page.getJsonArray("items");
    return items.stream().map(t -> ((JsonObject) t).getLong("id")).toList();
  }
}
