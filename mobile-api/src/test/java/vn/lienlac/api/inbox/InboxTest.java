package vn.lienlac.api.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/**
 * The guardian's inbox: order and pages, filters, counts per child, siblings, expiry and scheduling,
 * recalled and edited messages, and messages rendered from templates in the guardian's language. Each
 * test uses guardians of its own (ids from 5000) so the tests share one server.
 */
class InboxTest {

  static ApiTestServer api;
  static Mail mail;
  static long nextGuardian = 5000;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("inbox");
    TestDistrict.create(api);
    mail = new Mail(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** A new guardian of these existing students (so reach_student gives them these children). */
  static synchronized long family(String language, String... students) {
    long id = nextGuardian++;
    api.sql("INSERT INTO directory.guardian (id, full_name, phone_e164, language, upstream_updated_at) VALUES ("
        + id + ", 'Phụ huynh " + id + "', '+8490" + (5000000 + id) + "', '" + language + "', now())");
    for (String s : students) {
      api.sql("INSERT INTO directory.guardian_student (student_id, guardian_id, relationship, primary_contact, upstream_updated_at)"
          + " VALUES ('" + s + "', " + id + ", 'mother', false, now())");
    }
    return id;
  }

  static JsonObject inbox(long guardian, String query) {
    HttpResponse<String> r = api.get("/api/v1/inbox" + query, api.token(TestDistrict.guardian(guardian)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static List<Long> ids(JsonObject page) {
    List<Long> ids = new ArrayList<>();
    page.getJsonArray("items").forEach(i -> ids.add(((JsonObject) i).getLong("id")));
    return ids;
  }

  static Mail.Spec note(String title) {
    return Mail.Spec.announcement("s:1", title, "Nội dung " + title);
  }

  @Test
  void the_inbox_is_newest_first_in_pages_that_stay_stable_while_new_messages_arrive() {
    long g = family("vi", "ST1");
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(mail.announce(note("Tin " + i), List.of(g), "ST1"));
    }
    JsonObject first = inbox(g, "?limit=2");
    assertThat(ids(first)).containsExactly(sent.get(4), sent.get(3));
    long newer = mail.announce(note("Tin mới"), List.of(g), "ST1");
    JsonObject second = inbox(g, "?limit=2&cursor=" + first.getString("nextCursor"));
    assertThat(ids(second)).containsExactly(sent.get(2), sent.get(1));
    JsonObject third = inbox(g, "?limit=2&cursor=" + second.getString("nextCursor"));
    assertThat(ids(third)).containsExactly(sent.get(0));
    assertThat(third.getString("nextCursor")).isNull();
    assertThat(ids(inbox(g, "?limit=1"))).containsExactly(newer);
  }

  @Test
  void an_item_carries_sender_school_children_priority_and_read_state() {
    long g = family("vi", "ST1");
    long id = mail.announce(note("Họp phụ huynh").requiringAck(), List.of(g), "ST1");
    JsonObject item = inbox(g, "").getJsonArray("items").getJsonObject(0);
    assertThat(item.getLong("id")).isEqualTo(id);
    assertThat(item.getString("kind")).isEqualTo("announcement");
    assertThat(item.getString("title")).isEqualTo("Họp phụ huynh");
    assertThat(item.getString("body")).isEqualTo("Nội dung Họp phụ huynh");
    assertThat(item.getString("preview")).isEqualTo("Nội dung Họp phụ huynh");
    assertThat(item.getJsonObject("sender")).isEqualTo(new JsonObject().put("name", "Nguyễn Thị Hoa").put("role", "teacher"));
    assertThat(item.getJsonObject("school")).isEqualTo(new JsonObject().put("code", "S1").put("name", "THCS Nguyễn Du"));
    assertThat(item.getString("priority")).isEqualTo("normal");
    assertThat(item.getBoolean("requireAck")).isTrue();
    assertThat(item.getBoolean("read")).isFalse();
    assertThat(item.getBoolean("acked")).isFalse();
    assertThat(item.getBoolean("edited")).isFalse();
    assertThat(item.getBoolean("recalled")).isFalse();
    assertThat(item.getJsonArray("students")).isEqualTo(new JsonArray().add(new JsonObject().put("id", "ST1").put("name", "Nguyễn Minh An")));
  }

  @Test
  void a_message_about_two_siblings_appears_once_naming_both() {
    long g = family("vi", "ST1", "ST2");
    long id = mail.announce(note("Cả hai con"), List.of(g), "ST1", "ST2");
    JsonObject page = inbox(g, "");
    assertThat(ids(page)).containsExactly(id);
    assertThat(page.getJsonArray("items").getJsonObject(0).getJsonArray("students").stream()
        .map(s -> ((JsonObject) s).getString("name"))).containsExactly("Nguyễn Minh An", "Nguyễn Thu Bình");
  }

  @Test
  void filters_by_child_unread_and_requiring_acknowledgement() {
    long g = family("vi", "ST1", "ST2");
    long aboutAn = mail.announce(note("An"), List.of(g), "ST1");
    long aboutBinh = mail.announce(note("Bình").requiringAck(), List.of(g), "ST2");
    long aboutBoth = mail.announce(note("Cả hai"), List.of(g), "ST1", "ST2");
    api.sql("UPDATE messaging.recipient SET read_at = now() WHERE message_id = " + aboutBoth);
    assertThat(ids(inbox(g, "?student=ST1"))).containsExactly(aboutBoth, aboutAn);
    assertThat(ids(inbox(g, "?student=ST2"))).containsExactly(aboutBoth, aboutBinh);
    assertThat(ids(inbox(g, "?unread=true"))).containsExactly(aboutBinh, aboutAn);
    assertThat(ids(inbox(g, "?requiresAck=true"))).containsExactly(aboutBinh);
    assertThat(ids(inbox(g, "?student=ST1&unread=true"))).containsExactly(aboutAn);
  }

  @Test
  void filtering_by_a_child_who_is_not_theirs_is_404_like_a_missing_child() {
    long g = family("vi", "ST1");
    String token = api.token(TestDistrict.guardian(g));
    HttpResponse<String> other = api.get("/api/v1/inbox?student=ST3", token);
    HttpResponse<String> missing = api.get("/api/v1/inbox?student=NO-SUCH", token);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void expired_and_scheduled_messages_are_not_shown_nor_counted() {
    long g = family("vi", "ST1");
    long visible = mail.announce(note("Hiện"), List.of(g), "ST1");
    mail.announce(note("Hết hạn").sentAt(Instant.now().minusSeconds(7200)).expiringAt(Instant.now().minusSeconds(60)),
        List.of(g), "ST1");
    mail.announce(note("Hẹn giờ").sentAt(Instant.now().plusSeconds(3600)), List.of(g), "ST1");
    assertThat(ids(inbox(g, ""))).containsExactly(visible);
    assertThat(summary(g).getLong("unread")).isEqualTo(1);
  }

  @Test
  void unread_counts_per_child_count_a_sibling_message_for_each_child_and_once_in_all() {
    long g = family("vi", "ST1", "ST2");
    mail.announce(note("An 1"), List.of(g), "ST1");
    mail.announce(note("An 2"), List.of(g), "ST1");
    mail.announce(note("Cả hai"), List.of(g), "ST1", "ST2");
    long read = mail.announce(note("Đã đọc"), List.of(g), "ST2");
    api.sql("UPDATE messaging.recipient SET read_at = now() WHERE message_id = " + read);
    JsonObject summary = summary(g);
    assertThat(summary.getLong("unread")).isEqualTo(3);
    assertThat(summary.getJsonArray("students").stream().map(s -> ((JsonObject) s).getString("id") + "="
        + ((JsonObject) s).getLong("unread"))).containsExactly("ST1=3", "ST2=1");
  }

  @Test
  void a_recalled_message_shows_that_it_was_recalled_instead_of_its_text_and_an_edited_one_says_so() {
    long vi = family("vi", "ST1");
    long en = family("en", "ST1");
    long recalled = mail.announce(note("Bí mật"), List.of(vi, en), "ST1");
    api.sql("UPDATE messaging.message SET status = 'recalled', recalled_at = now() WHERE id = " + recalled);
    long edited = mail.announce(note("Đã sửa"), List.of(vi), "ST1");
    api.sql("UPDATE messaging.message SET edited_at = now() WHERE id = " + edited);
    JsonArray items = inbox(vi, "").getJsonArray("items");
    assertThat(items.getJsonObject(0).getBoolean("edited")).isTrue();
    JsonObject gone = items.getJsonObject(1);
    assertThat(gone.getBoolean("recalled")).isTrue();
    assertThat(gone.getString("body")).isEqualTo("Tin nhắn đã được thu hồi");
    assertThat(gone.getString("title")).isNull();
    assertThat(gone.encode()).doesNotContain("Bí mật");
    assertThat(inbox(en, "").getJsonArray("items").getJsonObject(0).getString("body")).isEqualTo("This message was recalled");
  }

  @Test
  void a_templated_message_is_rendered_for_each_guardian_in_their_language() {
    long vi = family("vi", "ST1");
    long en = family("en", "ST1", "ST2");
    long id = mail.announce(Mail.Spec.announcement("s:6", "Học phí {{class.name}}",
            "Kính gửi {{guardian.name}}: học phí của {{student.name}} là {{amount}}.")
        .english("Fees {{class.name}}", "Dear {{guardian.name}}: the fee for {{student.name}} is {{amount}}.")
        .fromTemplate("hoc-phi", "{\"amount\": 1500000}"), List.of(vi), "ST1");
    mail.address(id, en, "ST1", "ST2");
    JsonObject forVi = inbox(vi, "").getJsonArray("items").getJsonObject(0);
    assertThat(forVi.getString("title")).isEqualTo("Học phí 6A1");
    assertThat(forVi.getString("body")).isEqualTo("Kính gửi Phụ huynh " + vi + ": học phí của Nguyễn Minh An là 1.500.000 đ.");
    JsonObject forEn = inbox(en, "").getJsonArray("items").getJsonObject(0);
    assertThat(forEn.getString("title")).isEqualTo("Fees 6A1, 6A2");
    assertThat(forEn.getString("body"))
        .isEqualTo("Dear Phụ huynh " + en + ": the fee for Nguyễn Minh An, Nguyễn Thu Bình is 1,500,000 VND.");
  }

  @Test
  void an_english_reader_gets_the_english_text_of_a_plain_message_when_there_is_one() {
    long en = family("en", "ST1");
    mail.announce(note("Nghỉ học").english("Day off", "School is closed"), List.of(en), "ST1");
    JsonObject item = inbox(en, "").getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("title")).isEqualTo("Day off");
    assertThat(item.getString("body")).isEqualTo("School is closed");
  }

  @Test
  void staff_have_no_inbox() {
    HttpResponse<String> r = api.get("/api/v1/inbox", api.token(TestDistrict.homeroomTeacherOf6A1()));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/inbox/summary", api.token(TestDistrict.principalOfSchool1())).statusCode()).isEqualTo(404);
  }

  static JsonObject summary(long guardian) {
    HttpResponse<String> r = api.get("/api/v1/inbox/summary", api.token(TestDistrict.guardian(guardian)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }
}
