package vn.lienlac.api.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** The sender's follow-up: reminders to exactly the non-readers, edit and recall within 15 minutes, audited. */
class FollowUpTest {

  static ApiTestServer api;
  static Mail mail;
  static final Caller SENDER = TestDistrict.homeroomTeacherOf6A1();

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("inbox_follow_up");
    TestDistrict.create(api);
    mail = new Mail(api);
    InboxTest.api = api;
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Mail.Spec note(String title) {
    return Mail.Spec.announcement(SENDER.subject(), title, "Nội dung " + title);
  }

  static HttpResponse<String> remind(Caller who, long id, String to, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(api.uri("/api/v1/messages/" + id + "/reminders"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("to", to).encode()))
        .header("content-type", "application/json");
    return api.send(b, api.token(who), key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  static HttpResponse<String> patch(Caller who, long id, JsonObject body) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1/messages/" + id))
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())).header("content-type", "application/json"),
        api.token(who), Map.of());
  }

  static HttpResponse<String> recall(Caller who, long id) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1/messages/" + id + "/recall"))
        .POST(HttpRequest.BodyPublishers.noBody()), api.token(who), Map.of());
  }

  static List<String> recipients(long messageId) {
    return mail.strings("SELECT guardian_id::text FROM messaging.recipient WHERE message_id = ? ORDER BY 1", messageId);
  }

  static List<String> events(String subject) throws InterruptedException {
    List<String> found = List.of();
    for (int i = 0; i < 50 && found.isEmpty(); i++) {
      Thread.sleep(100);
      found = mail.strings("SELECT data::text FROM api.realtime_event WHERE subject = ? AND type = 'message.created'"
          + " ORDER BY id", subject);
    }
    return found;
  }

  @Test
  void a_reminder_goes_to_exactly_the_recipients_who_have_not_read() throws Exception {
    long a = InboxTest.family("vi", "ST1");
    long b = InboxTest.family("vi", "ST1");
    long c = InboxTest.family("vi", "ST1");
    long d = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Họp"), List.of(a, b, c, d), "ST1");
    api.sql("UPDATE messaging.recipient SET read_at = now() WHERE message_id = " + id + " AND guardian_id IN (" + a + ", " + c + ")");
    HttpResponse<String> r = remind(SENDER, id, "unread", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonObject reminder = new JsonObject(r.body());
    long rid = reminder.getLong("id");
    assertThat(reminder.getLong("recipients")).isEqualTo(2);
    assertThat(reminder.getLong("reminderOf")).isEqualTo(id);
    assertThat(recipients(rid)).containsExactly(String.valueOf(b), String.valueOf(d));
    assertThat(mail.counts(rid)).containsExactly(2, 0, 0);
    JsonObject inInbox = InboxTest.inbox(b, "").getJsonArray("items").getJsonObject(0);
    assertThat(inInbox.getLong("id")).isEqualTo(rid);
    assertThat(inInbox.getLong("reminderOf")).isEqualTo(id);
    assertThat(InboxTest.ids(InboxTest.inbox(a, ""))).containsExactly(id);
    assertThat(mail.queryLong("SELECT count(*) FROM api.audit_event WHERE action = 'message.reminder_sent'"
        + " AND resource_id = ?", String.valueOf(rid))).isEqualTo(1);
    assertThat(events("g:" + b)).anySatisfy(e -> assertThat(new JsonObject(e).getLong("reminderOf")).isEqualTo(id));
  }

  @Test
  void a_reminder_to_unacked_skips_those_who_acknowledged_but_not_those_who_only_read() {
    long a = InboxTest.family("vi", "ST1");
    long b = InboxTest.family("vi", "ST1");
    long c = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Xác nhận").requiringAck(), List.of(a, b, c), "ST1");
    api.sql("UPDATE messaging.recipient SET read_at = now(), acked_at = now() WHERE message_id = " + id + " AND guardian_id = " + a,
        "UPDATE messaging.recipient SET read_at = now() WHERE message_id = " + id + " AND guardian_id = " + b);
    JsonObject reminder = new JsonObject(remind(SENDER, id, "unacked", null).body());
    assertThat(recipients(reminder.getLong("id"))).containsExactly(String.valueOf(b), String.valueOf(c));
  }

  @Test
  void with_everyone_read_there_is_nobody_to_remind_and_nothing_is_stored() {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Đã đọc hết"), List.of(a), "ST1");
    api.sql("UPDATE messaging.recipient SET read_at = now() WHERE message_id = " + id);
    HttpResponse<String> r = remind(SENDER, id, "unread", null);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("nobody-to-remind");
    assertThat(mail.queryLong("SELECT count(*) FROM messaging.message WHERE reminder_of = ?", id)).isZero();
  }

  @Test
  void only_the_sender_may_remind_and_a_retry_with_the_same_key_makes_no_second_reminder() {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Nhắc một lần"), List.of(a), "ST1");
    assertThat(remind(TestDistrict.principalOfSchool1(), id, "unread", null).statusCode()).isEqualTo(404);
    assertThat(remind(TestDistrict.guardian(a), id, "unread", null).statusCode()).isEqualTo(404);
    HttpResponse<String> first = remind(SENDER, id, "unread", "nhac-1");
    HttpResponse<String> retry = remind(SENDER, id, "unread", "nhac-1");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(new JsonObject(retry.body()).getLong("id")).isEqualTo(new JsonObject(first.body()).getLong("id"));
    assertThat(mail.queryLong("SELECT count(*) FROM messaging.message WHERE reminder_of = ?", id)).isEqualTo(1);
  }

  @Test
  void an_edit_within_15_minutes_shows_as_edited_and_the_audit_keeps_the_original() throws Exception {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Lịch họp"), List.of(a), "ST1");
    mail.sentAgo(id, Duration.ofMinutes(14));
    HttpResponse<String> r = patch(SENDER, id, new JsonObject().put("body", "Họp lúc 8 giờ"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject item = InboxTest.inbox(a, "").getJsonArray("items").getJsonObject(0);
    assertThat(item.getBoolean("edited")).isTrue();
    assertThat(item.getString("body")).isEqualTo("Họp lúc 8 giờ");
    assertThat(item.getString("title")).isEqualTo("Lịch họp");
    List<String> audit = mail.strings("SELECT json_build_object('before', before, 'after', after)::text FROM api.audit_event"
        + " WHERE action = 'message.edited' AND resource_id = ?", String.valueOf(id));
    assertThat(audit).hasSize(1);
    JsonObject change = new JsonObject(audit.get(0));
    assertThat(change.getJsonObject("before").getString("body")).isEqualTo("Nội dung Lịch họp");
    assertThat(change.getJsonObject("after").getString("body")).isEqualTo("Họp lúc 8 giờ");
    assertThat(events("g:" + a)).anySatisfy(e -> assertThat(new JsonObject(e).getBoolean("edited")).isTrue());
  }

  @Test
  void after_15_minutes_edit_and_recall_are_refused_and_nothing_changes() {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Quá hạn"), List.of(a), "ST1");
    mail.sentAgo(id, Duration.ofMinutes(16));
    HttpResponse<String> edit = patch(SENDER, id, new JsonObject().put("body", "Sửa muộn"));
    assertThat(edit.statusCode()).isEqualTo(409);
    JsonObject problem = new JsonObject(edit.body());
    assertThat(problem.getString("type")).endsWith("/edit-window-passed");
    assertThat(problem.getInteger("windowMinutes")).isEqualTo(15);
    assertThat(recall(SENDER, id).statusCode()).isEqualTo(409);
    assertThat(mail.strings("SELECT body || '/' || status FROM messaging.message WHERE id = ?", id))
        .containsExactly("Nội dung Quá hạn/queued");
    assertThat(mail.queryLong("SELECT count(*) FROM api.audit_event WHERE resource_id = ?", String.valueOf(id))).isZero();
  }

  @Test
  void a_recall_within_15_minutes_hides_the_text_from_recipients_and_the_audit_keeps_it() throws Exception {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Nhầm lớp"), List.of(a), "ST1");
    HttpResponse<String> r = recall(SENDER, id);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject item = InboxTest.inbox(a, "").getJsonArray("items").getJsonObject(0);
    assertThat(item.getBoolean("recalled")).isTrue();
    assertThat(item.getString("body")).isEqualTo("Tin nhắn đã được thu hồi");
    List<String> audit = mail.strings("SELECT before::text FROM api.audit_event WHERE action = 'message.recalled'"
        + " AND resource_id = ?", String.valueOf(id));
    assertThat(new JsonObject(audit.get(0)).getString("body")).isEqualTo("Nội dung Nhầm lớp");
    assertThat(events("g:" + a)).anySatisfy(e -> assertThat(new JsonObject(e).getBoolean("recalled")).isTrue());
    assertThat(recall(SENDER, id).statusCode()).isEqualTo(409);
    assertThat(patch(SENDER, id, new JsonObject().put("body", "x")).statusCode()).isEqualTo(409);
  }

  @Test
  void nobody_but_the_sender_can_edit_or_recall() {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Của T1"), List.of(a), "ST1");
    assertThat(patch(TestDistrict.principalOfSchool1(), id, new JsonObject().put("body", "x")).statusCode()).isEqualTo(404);
    assertThat(recall(TestDistrict.homeroomTeacherOf6A2(), id).statusCode()).isEqualTo(404);
    assertThat(recall(TestDistrict.guardian(a), id).statusCode()).isEqualTo(404);
  }

  @Test
  void an_attachment_that_is_not_an_http_link_is_refused_naming_the_field() {
    long a = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Tệp"), List.of(a), "ST1");
    HttpResponse<String> r = patch(SENDER, id, new JsonObject().put("attachments", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("url", "javascript:alert(1)").put("name", "x"))));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("attachments");
  }
}
