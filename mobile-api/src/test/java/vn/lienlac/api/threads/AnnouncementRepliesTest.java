package vn.lienlac.api.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.testing.TestDistrict.G1;
import static vn.lienlac.api.testing.TestDistrict.G2;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.TestDistrict;

/** A guardian's reply to an announcement: a private thread with its sender about one child. */
class AnnouncementRepliesTest {

  static final Caller FATHER = TestDistrict.guardian(G1); // of ST1 (6A1) and ST2 (6A2)
  static final Caller MOTHER = TestDistrict.guardian(G2); // of ST2
  static final Caller T2 = TestDistrict.homeroomTeacherOf6A2();
  static final Caller PRINCIPAL = TestDistrict.principalOfSchool1();

  ThreadFixture f;

  @BeforeEach
  void start() {
    f = new ThreadFixture("thread_replies");
    // T2's class announcement to both parents of ST2, and the principal's school announcement naming both of G1's children.
    f.api.sql("""
        INSERT INTO messaging.message (id, kind, sender_subject, sender_role, school_code, district_code, title, body,
                                       school_year, status)
        VALUES (501, 'announcement', 's:2', 'teacher', 'S1', 'PGD01', 'Dã ngoại', 'Lớp 6A2 đi dã ngoại thứ Bảy.', '2026-2027', 'queued'),
               (502, 'announcement', 's:6', 'principal', 'S1', 'PGD01', 'Khai giảng', 'Lễ khai giảng lúc 7 giờ.', '2026-2027', 'queued')""",
        """
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code) VALUES
          (501, 1001, '{ST2}', 'S1'), (501, 1002, '{ST2}', 'S1'), (502, 1001, '{ST1,ST2}', 'S1')""");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void a_reply_goes_privately_to_the_sender_and_never_to_the_other_parents() {
    HttpResponse<String> r = f.post(FATHER, "/messages/501/replies", new JsonObject().put("body", "Cháu có cần mang cơm không?"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonObject thread = new JsonObject(r.body()).getJsonObject("thread");
    long threadId = thread.getLong("id");
    assertThat(thread.getLong("originMessageId")).isEqualTo(501L);
    assertThat(thread.getString("subject")).isEqualTo("Dã ngoại");
    assertThat(thread.getJsonObject("student").getString("id")).isEqualTo("ST2");
    assertThat(thread.getJsonObject("staff").getString("teacherCode")).isEqualTo("T2");

    // The sender is told and sees it; the mother (also a recipient of the announcement) sees nothing.
    assertThat(f.events("s:2")).hasSize(1);
    assertThat(f.thread(T2, threadId).getJsonObject("messages").getJsonArray("items")).hasSize(1);
    assertThat(f.get(MOTHER, "/threads/" + threadId).statusCode()).isEqualTo(404);
    assertThat(new JsonObject(f.get(MOTHER, "/threads").body()).getJsonArray("items")).isEmpty();
    assertThat(f.rows("SELECT message_id FROM messaging.recipient WHERE guardian_id = " + G2)).containsExactly("501");
    assertThat(f.events("g:" + G2)).isEmpty();

    // The sender's answer reaches the father alone; a second reply continues the same thread.
    long answer = f.write(T2, threadId, "Có anh ạ.").getLong("id");
    assertThat(f.rows("SELECT guardian_id FROM messaging.recipient WHERE message_id = " + answer))
        .containsExactly(String.valueOf(G1));
    HttpResponse<String> again = f.post(FATHER, "/messages/501/replies", new JsonObject().put("body", "Cảm ơn cô."));
    assertThat(new JsonObject(again.body()).getJsonObject("thread").getLong("id")).isEqualTo(threadId);
    assertThat(f.rows("SELECT count(*) FROM messaging.thread")).containsExactly("1");
  }

  @Test
  void a_reply_to_a_message_about_several_children_must_say_which_child() {
    HttpResponse<String> unsaid = f.post(FATHER, "/messages/502/replies", new JsonObject().put("body", "Giờ nào?"));
    assertThat(unsaid.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(unsaid.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/studentId");
    HttpResponse<String> notNamed = f.post(FATHER, "/messages/502/replies",
        new JsonObject().put("studentId", "ST3").put("body", "Giờ nào?"));
    assertThat(notNamed.statusCode()).isEqualTo(422);

    HttpResponse<String> aboutAn = f.post(FATHER, "/messages/502/replies",
        new JsonObject().put("studentId", "ST1").put("body", "Giờ nào?"));
    assertThat(aboutAn.statusCode()).as(aboutAn.body()).isEqualTo(201);
    HttpResponse<String> aboutBinh = f.post(FATHER, "/messages/502/replies",
        new JsonObject().put("studentId", "ST2").put("body", "Còn Bình?"));
    long an = new JsonObject(aboutAn.body()).getJsonObject("thread").getLong("id");
    long binh = new JsonObject(aboutBinh.body()).getJsonObject("thread").getLong("id");
    assertThat(an).isNotEqualTo(binh);
    // The principal sent it, so the principal takes part and may answer.
    assertThat(f.thread(PRINCIPAL, an).getBoolean("canPost")).isTrue();
    f.write(PRINCIPAL, an, "7 giờ sáng.");
  }

  @Test
  void nobody_but_a_recipient_guardian_can_reply() {
    assertThat(f.post(TestDistrict.guardian(TestDistrict.G3), "/messages/501/replies", new JsonObject().put("body", "?"))
        .statusCode()).isEqualTo(404);
    assertThat(f.post(T2, "/messages/501/replies", new JsonObject().put("body", "?")).statusCode()).isEqualTo(404);
    assertThat(f.post(FATHER, "/messages/99999/replies", new JsonObject().put("body", "?")).statusCode()).isEqualTo(404);
    assertThat(f.rows("SELECT count(*) FROM messaging.thread")).containsExactly("0");
  }
}
