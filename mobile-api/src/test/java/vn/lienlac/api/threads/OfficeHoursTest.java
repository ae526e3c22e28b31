package vn.lienlac.api.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.testing.TestDistrict.G1;
import static vn.lienlac.api.testing.TestDistrict.G2;
import static vn.lienlac.api.threads.ThreadFixture.opening;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.thread.OfficeHours;
import vn.lienlac.messaging.thread.StaffDeliveryRelease;

/**
 * Office hours against the real clock: "closed" is a single window three days ahead (so now is outside
 * it whatever the time), "open" is every day all day.
 */
class OfficeHoursTest {

  static final Caller FATHER = TestDistrict.guardian(G1); // language vi
  static final Caller MOTHER = TestDistrict.guardian(G2); // language en
  static final Caller T2 = TestDistrict.homeroomTeacherOf6A2();
  static final String AUTO_VI = "Thầy sẽ trả lời trong giờ làm việc.";
  static final String AUTO_EN = "I will answer during office hours.";

  ThreadFixture f;

  @BeforeEach
  void start() {
    f = new ThreadFixture("office_hours");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static JsonObject hours(JsonArray windows) {
    return new JsonObject().put("enabled", true).put("windows", windows)
        .put("autoReply", new JsonObject().put("vi", AUTO_VI).put("en", AUTO_EN));
  }

  private static LocalDate inThreeDays() {
    return LocalDate.now(OfficeHours.ZONE).plusDays(3);
  }

  private void closedUntilInThreeDays() {
    JsonArray windows = new JsonArray().add(new JsonObject().put("day", inThreeDays().getDayOfWeek().getValue())
        .put("from", "08:00").put("to", "09:00"));
    HttpResponse<String> r = f.put(T2, "/me/office-hours", hours(windows));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void inside_office_hours_a_guardians_message_reaches_the_teacher_at_once() {
    JsonArray allWeek = new JsonArray();
    for (int day = 1; day <= 7; day++) {
      allWeek.add(new JsonObject().put("day", day).put("from", "00:00").put("to", "24:00"));
    }
    assertThat(f.put(T2, "/me/office-hours", hours(allWeek)).statusCode()).isEqualTo(200);
    JsonObject opened = f.open(MOTHER, opening("ST2", "Hỏi", "Chào thầy."));
    assertThat(opened.getJsonObject("message").getString("deliverAfter")).isNull();
    assertThat(opened.getJsonObject("message").containsKey("autoReply")).isFalse();
    assertThat(f.events("s:2")).hasSize(1);
    assertThat(f.rows("SELECT count(*) FROM messaging.thread_staff_delivery")).containsExactly("0");
  }

  @Test
  void outside_office_hours_a_message_is_queued_until_the_opening_and_the_guardian_gets_one_auto_reply_per_closed_period() {
    closedUntilInThreeDays();
    Instant opening = inThreeDays().atTime(8, 0).atZone(OfficeHours.ZONE).toInstant();

    JsonObject opened = f.open(MOTHER, opening("ST2", "Hỏi", "Chào thầy."));
    long thread = opened.getJsonObject("thread").getLong("id");
    JsonObject first = opened.getJsonObject("message");
    assertThat(Instant.parse(first.getString("deliverAfter"))).isEqualTo(opening);
    assertThat(first.getJsonObject("autoReply").getString("body")).as("in the guardian's language").isEqualTo(AUTO_EN);
    JsonObject second = f.write(MOTHER, thread, "Thầy ơi?");
    assertThat(second.containsKey("autoReply")).as("once per closed period").isFalse();
    assertThat(Instant.parse(second.getString("deliverAfter"))).isEqualTo(opening);

    // Stored and visible at once, but the teacher is not told yet.
    assertThat(f.events("s:2")).isEmpty();
    JsonObject seenByTeacher = f.thread(T2, thread);
    assertThat(seenByTeacher.getJsonObject("messages").getJsonArray("items").stream()
        .filter(m -> ((JsonObject) m).getBoolean("queued")).count()).isEqualTo(2);
    assertThat(f.rows("SELECT deliver_after = '" + opening + "'::timestamptz, released_at FROM messaging.thread_staff_delivery"))
        .containsExactly("t|null", "t|null");
    // The guardian got the auto-reply as a system message in the thread, with a recipient row of their own.
    long autoReply = first.getJsonObject("autoReply").getLong("id");
    assertThat(f.rows("SELECT sender_role, body FROM messaging.message WHERE id = " + autoReply))
        .containsExactly("system|" + AUTO_EN);
    assertThat(f.rows("SELECT guardian_id FROM messaging.recipient WHERE message_id = " + autoReply))
        .containsExactly(String.valueOf(G2));
    assertThat(f.events("g:" + G2)).containsExactly("message.created|" + autoReply + "|" + thread);

    // A Vietnamese-speaking parent gets the Vietnamese text.
    JsonObject fathers = f.open(FATHER, opening("ST2", "Hỏi", "Chào thầy.")).getJsonObject("message");
    assertThat(fathers.getJsonObject("autoReply").getString("body")).isEqualTo(AUTO_VI);

    // The next closed period (as if the last auto-reply announced an earlier opening) gets one again.
    f.api.sql("UPDATE messaging.thread_participant SET auto_replied_for = auto_replied_for - interval '7 days'"
        + " WHERE thread_id = " + thread + " AND party = 'g:" + G2 + "'");
    assertThat(f.write(MOTHER, thread, "Tuần sau ạ?").getJsonObject("autoReply").getString("body")).isEqualTo(AUTO_EN);

    // When the office opens, the queued messages reach the teacher.
    StaffDeliveryRelease early = new StaffDeliveryRelease(f.api.pool, f.api.realtime.events(),
        Clock.fixed(opening.minusSeconds(1), ZoneOffset.UTC), Duration.ofHours(1));
    assertThat(ApiTestServer.await(early.releaseDue())).isZero();
    StaffDeliveryRelease open = new StaffDeliveryRelease(f.api.pool, f.api.realtime.events(),
        Clock.fixed(opening, ZoneOffset.UTC), Duration.ofHours(1));
    assertThat(ApiTestServer.await(open.releaseDue())).isEqualTo(4);
    assertThat(f.events("s:2")).hasSize(4).allMatch(e -> e.startsWith("message.created|"));
    assertThat(ApiTestServer.await(open.releaseDue())).as("released once").isZero();
  }

  @Test
  void office_hours_are_staff_only_checked_field_by_field_and_audited() {
    JsonArray bad = new JsonArray().add(new JsonObject().put("day", 1).put("from", "17:00").put("to", "07:00"));
    HttpResponse<String> refused = f.put(T2, "/me/office-hours", hours(bad));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/windows/0");
    HttpResponse<String> noWindow = f.put(T2, "/me/office-hours", hours(new JsonArray()));
    assertThat(noWindow.statusCode()).isEqualTo(400);
    assertThat(f.put(FATHER, "/me/office-hours", hours(new JsonArray())).statusCode()).isEqualTo(404);
    assertThat(f.get(FATHER, "/me/office-hours").statusCode()).isEqualTo(404);
    assertThat(new JsonObject(f.get(T2, "/me/office-hours").body()).getBoolean("enabled")).isFalse();

    closedUntilInThreeDays();
    JsonObject stored = new JsonObject(f.get(T2, "/me/office-hours").body());
    assertThat(stored.getString("timeZone")).isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(stored.getJsonArray("windows")).hasSize(1);
    assertThat(f.rows("SELECT action, actor_subject FROM api.audit_event")).containsExactly("office_hours.changed|s:2");
  }
}
