package vn.lienlac.api.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.messages.Announcements.announcement;
import static vn.lienlac.api.messages.Announcements.count;
import static vn.lienlac.api.messages.Announcements.scope;
import static vn.lienlac.api.messages.Announcements.send;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.announcement.MessagePurge;

class SentMessagesTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("sent_messages");
    TestDistrict.create(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonObject ok(String path, Caller caller) {
    HttpResponse<String> r = api.get("/api/v1" + path, api.token(caller));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static List<Object> field(JsonArray items, String name) {
    return items.stream().map(o -> ((JsonObject) o).getValue(name)).toList();
  }

  private static List<Long> ids(JsonObject page) {
    return field(page.getJsonArray("items"), "id").stream().map(o -> ((Number) o).longValue()).toList();
  }

  @Test
  void the_sender_sees_status_progress_and_counts_summed_over_the_shards() {
    long id = send(api, TestDistrict.principalOfSchool1(), announcement(scope("school", "S1")).put("requireAck", true));
    JsonObject before = ok("/messages/" + id, TestDistrict.principalOfSchool1());
    assertThat(before.getString("status")).isEqualTo("expanding");
    assertThat(before.getJsonObject("counts").getInteger("recipients")).isZero();
    assertThat(before.getJsonObject("progress").getBoolean("finished")).isFalse();

    Announcements.expandAll(api);
    api.sql("UPDATE messaging.message_count SET read = read + 1 WHERE message_id = " + id + " AND shard = 1001 % 16");
    JsonObject after = ok("/messages/" + id, TestDistrict.principalOfSchool1());
    assertThat(after.getString("status")).isEqualTo("queued");
    assertThat(after.getJsonObject("counts").getInteger("recipients")).isEqualTo(2);
    assertThat(after.getJsonObject("counts").getInteger("read")).isEqualTo(1);
    assertThat(after.getJsonArray("audience").getJsonObject(0).getString("value")).isEqualTo("S1");
    assertThat(after.getBoolean("requireAck")).isTrue();
  }

  @Test
  void the_recipient_list_shows_exactly_who_was_included_and_filters_the_unread_and_unacked() {
    long id = send(api, TestDistrict.principalOfSchool1(), announcement(scope("grade", "S1:6")));
    Announcements.expandAll(api);
    api.sql("UPDATE messaging.recipient SET read_at = now() WHERE guardian_id = 1002 AND message_id = " + id);
    JsonObject all = ok("/messages/" + id + "/recipients", TestDistrict.principalOfSchool1());
    assertThat(field(all.getJsonArray("items"), "guardianId")).containsExactly(1001, 1002);
    JsonObject g1 = all.getJsonArray("items").getJsonObject(0);
    assertThat(field(g1.getJsonArray("children"), "id")).containsExactly("ST1", "ST2");
    assertThat(g1.getString("name")).isEqualTo("Nguyễn Văn Phụ");
    assertThat(g1.getString("delivery")).isEqualTo("pending");
    JsonObject unread = ok("/messages/" + id + "/recipients?filter=unread", TestDistrict.principalOfSchool1());
    assertThat(field(unread.getJsonArray("items"), "guardianId")).containsExactly(1001);
    JsonObject unacked = ok("/messages/" + id + "/recipients?filter=unacked", TestDistrict.principalOfSchool1());
    assertThat(field(unacked.getJsonArray("items"), "guardianId")).containsExactly(1001, 1002);
    JsonObject unreachable = ok("/messages/" + id + "/recipients?filter=unreachable", TestDistrict.principalOfSchool1());
    assertThat(unreachable.getJsonArray("items")).isEmpty();

    JsonObject first = ok("/messages/" + id + "/recipients?limit=1", TestDistrict.principalOfSchool1());
    assertThat(field(first.getJsonArray("items"), "guardianId")).containsExactly(1001);
    JsonObject second = ok("/messages/" + id + "/recipients?limit=1&cursor=" + first.getString("nextCursor"),
        TestDistrict.principalOfSchool1());
    assertThat(field(second.getJsonArray("items"), "guardianId")).containsExactly(1002);
    assertThat(second.getString("nextCursor")).isNull();
  }

  @Test
  void a_teacher_lists_their_own_messages_and_the_principal_those_of_the_school() {
    long t1 = send(api, TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "S1-6A1")));
    long t2 = send(api, TestDistrict.homeroomTeacherOf6A2(), announcement(scope("class", "S1-6A2")));
    List<Long> mine = ids(ok("/messages", TestDistrict.homeroomTeacherOf6A1()));
    assertThat(mine).contains(t1).doesNotContain(t2);
    List<Long> school = ids(ok("/messages?limit=200", TestDistrict.principalOfSchool1()));
    assertThat(school).contains(t1, t2);
    assertThat(api.get("/api/v1/messages/" + t1, api.token(TestDistrict.homeroomTeacherOf6A2())).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/messages", api.token(TestDistrict.guardian(TestDistrict.G1))).statusCode()).isEqualTo(404);
  }

  @Test
  void purge_removes_old_messages_with_their_recipients_counts_and_audience_in_batches() {
    long old = send(api, TestDistrict.districtOfficer(), announcement(scope("district", "PGD01")));
    long recent = send(api, TestDistrict.districtOfficer(), announcement(scope("district", "PGD01")));
    Announcements.expandAll(api);
    api.sql("UPDATE messaging.message SET created_at = '2025-06-01' WHERE id = " + old);
    long oldRecipients = count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + old);
    long recentRecipients = count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + recent);
    assertThat(oldRecipients).isEqualTo(3);

    MessagePurge.Removed removed = ApiTestServer.await(new MessagePurge(api.vertx, api.pool, 2, Duration.ofMillis(5))
        .before(LocalDate.parse("2025-09-01")));
    assertThat(removed).isEqualTo(new MessagePurge.Removed(1, 3));
    for (String table : List.of("recipient", "message_count", "message_audience", "message_expansion")) {
      assertThat(count(api, "SELECT count(*) FROM messaging." + table + " WHERE message_id = " + old)).as(table).isZero();
    }
    assertThat(count(api, "SELECT count(*) FROM messaging.message WHERE id = " + old)).isZero();
    assertThat(count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + recent)).isEqualTo(recentRecipients);
  }
}
