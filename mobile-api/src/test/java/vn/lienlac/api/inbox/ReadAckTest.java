package vn.lienlac.api.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** Read and acknowledge: idempotent, counted exactly once even when racing, only one's own, told to the sender. */
class ReadAckTest {

  static ApiTestServer api;
  static Mail mail;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("inbox_read");
    TestDistrict.create(api);
    mail = new Mail(api);
    InboxTest.api = api;
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static HttpResponse<String> post(long guardian, String path) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1" + path)).POST(HttpRequest.BodyPublishers.noBody()),
        api.token(TestDistrict.guardian(guardian)), java.util.Map.of());
  }

  static Mail.Spec note(String title) {
    return Mail.Spec.announcement("s:1", title, "Nội dung");
  }

  @Test
  void a_second_read_changes_nothing_and_counts_nothing() {
    long g = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Đọc hai lần"), List.of(g, TestDistrict.G1), "ST1");
    HttpResponse<String> first = post(g, "/messages/" + id + "/read");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonObject state = new JsonObject(first.body());
    assertThat(state.getBoolean("changed")).isTrue();
    assertThat(state.getString("readAt")).isNotNull();
    JsonObject again = new JsonObject(post(g, "/messages/" + id + "/read").body());
    assertThat(again.getBoolean("changed")).isFalse();
    assertThat(again.getString("readAt")).isEqualTo(state.getString("readAt"));
    assertThat(mail.counts(id)).containsExactly(2, 1, 0);
  }

  @Test
  void acknowledging_reads_too_and_a_read_then_ack_counts_each_once() {
    long a = InboxTest.family("vi", "ST1");
    long b = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Xác nhận").requiringAck(), List.of(a, b), "ST1");
    JsonObject acked = new JsonObject(post(a, "/messages/" + id + "/ack").body());
    assertThat(acked.getString("readAt")).isNotNull().isEqualTo(acked.getString("ackedAt"));
    post(b, "/messages/" + id + "/read");
    post(b, "/messages/" + id + "/ack");
    assertThat(new JsonObject(post(b, "/messages/" + id + "/ack").body()).getBoolean("changed")).isFalse();
    assertThat(mail.counts(id)).containsExactly(2, 2, 2);
  }

  @Test
  void racing_reads_of_many_guardians_count_exactly_once_each() throws Exception {
    List<Long> guardians = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      guardians.add(InboxTest.family("vi", "ST1"));
    }
    long id = mail.announce(note("Đua"), guardians, "ST1");
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (long g : guardians) {
      for (int twice = 0; twice < 3; twice++) {
        calls.add(http.sendAsync(HttpRequest.newBuilder(api.uri("/api/v1/messages/" + id + (twice == 2 ? "/ack" : "/read")))
            .header("Authorization", "Bearer " + api.token(TestDistrict.guardian(g)))
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
    }
    for (var c : calls) {
      assertThat(c.get().statusCode()).isEqualTo(200);
    }
    assertThat(mail.counts(id)).containsExactly(24, 24, 24);
    assertThat(mail.queryLong("SELECT count(*) FROM messaging.recipient WHERE message_id = ? AND read_at IS NOT NULL"
        + " AND acked_at IS NOT NULL", id)).isEqualTo(24);
  }

  @Test
  void a_batch_marks_the_guardians_own_messages_and_lists_the_others_as_not_found() {
    long g = InboxTest.family("vi", "ST1");
    long m1 = mail.announce(note("Một"), List.of(g), "ST1");
    long m2 = mail.announce(note("Hai"), List.of(g), "ST1");
    long notTheirs = mail.announce(note("Của người khác"), List.of(TestDistrict.G3), "ST3");
    HttpResponse<String> r = api.post("/api/v1/messages/read", api.token(TestDistrict.guardian(g)),
        new JsonObject().put("ids", new JsonArray().add(m1).add(m2).add(notTheirs).add(987654321L)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("id"))).containsExactly(m1, m2);
    assertThat(body.getJsonArray("notFound").stream().map(n -> ((Number) n).longValue())).containsExactly(notTheirs, 987654321L);
    assertThat(mail.counts(notTheirs)).containsExactly(1, 0, 0);
    JsonObject again = new JsonObject(api.post("/api/v1/messages/read", api.token(TestDistrict.guardian(g)),
        new JsonObject().put("ids", new JsonArray().add(m1).add(m2))).body());
    assertThat(again.getJsonArray("items").stream().map(i -> ((JsonObject) i).getBoolean("changed"))).containsOnly(false);
    assertThat(mail.counts(m1)).containsExactly(1, 1, 0);
  }

  @Test
  void a_batch_of_more_than_200_is_refused_naming_ids() {
    JsonArray ids = new JsonArray();
    for (long i = 1; i <= 201; i++) {
      ids.add(i);
    }
    HttpResponse<String> r = api.post("/api/v1/messages/read", api.token(TestDistrict.guardian(TestDistrict.G1)),
        new JsonObject().put("ids", ids));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("ids");
  }

  @Test
  void a_guardian_cannot_read_or_ack_someone_elses_message_and_gets_the_404_of_a_missing_one() {
    long id = mail.announce(note("Riêng").requiringAck(), List.of(TestDistrict.G3), "ST3");
    for (String action : List.of("read", "ack")) {
      HttpResponse<String> other = post(TestDistrict.G1, "/messages/" + id + "/" + action);
      HttpResponse<String> missing = post(TestDistrict.G1, "/messages/987654321/" + action);
      assertThat(other.statusCode()).isEqualTo(404);
      assertThat(missing.statusCode()).isEqualTo(404);
      JsonObject a = new JsonObject(other.body());
      JsonObject b = new JsonObject(missing.body());
      a.remove("requestId");
      b.remove("requestId");
      assertThat(a).isEqualTo(b);
    }
    assertThat(mail.counts(id)).containsExactly(1, 0, 0);
  }

  @Test
  void a_message_not_yet_sent_cannot_be_read() {
    long g = InboxTest.family("vi", "ST1");
    long id = mail.announce(note("Hẹn giờ").sentAt(Instant.now().plusSeconds(3600)), List.of(g), "ST1");
    assertThat(post(g, "/messages/" + id + "/read").statusCode()).isEqualTo(404);
  }

  @Test
  void the_sender_is_told_of_each_read_by_a_message_read_event() throws Exception {
    long g = InboxTest.family("vi", "ST1");
    long id = mail.announce(Mail.Spec.announcement("s:2", "Báo đọc", "Nội dung"), List.of(g), "ST1");
    post(g, "/messages/" + id + "/ack");
    post(g, "/messages/" + id + "/read");
    List<String> events = List.of();
    for (int i = 0; i < 50 && events.isEmpty(); i++) {
      Thread.sleep(100);
      events = mail.strings("SELECT data::text FROM api.realtime_event WHERE subject = 's:2' AND type = 'message.read'");
    }
    assertThat(events).hasSize(1);
    JsonObject data = new JsonObject(events.get(0));
    assertThat(data.getLong("messageId")).isEqualTo(id);
    assertThat(data.getLong("guardianId")).isEqualTo(g);
    assertThat(data.getBoolean("acked")).isTrue();
  }
}
