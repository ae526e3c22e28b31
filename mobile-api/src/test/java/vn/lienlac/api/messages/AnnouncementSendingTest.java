package vn.lienlac.api.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.messages.Announcements.announcement;
import static vn.lienlac.api.messages.Announcements.count;
import static vn.lienlac.api.messages.Announcements.post;
import static vn.lienlac.api.messages.Announcements.scope;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.expansion.RecipientExpansion;

class AnnouncementSendingTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("announcement_sending");
    TestDistrict.create(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static long stored() {
    return count(api, "SELECT (SELECT count(*) FROM messaging.message) + (SELECT count(*) FROM messaging.message_audience)"
        + " + (SELECT count(*) FROM messaging.message_expansion)");
  }

  private static void refused(Caller caller, JsonObject body, int status, String field) {
    long before = stored();
    HttpResponse<String> r = post(api, caller, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field")).toList()).as(r.body()).contains(field);
    assertThat(stored()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void the_workers_are_notified_after_the_message_is_committed() throws Exception {
    PgSubscriber listener = PgSubscriber.subscriber(api.vertx, PgConnectOptions.fromUri(api.url.uri()));
    CompletableFuture<Long> notified = new CompletableFuture<>();
    ApiTestServer.await(listener.connect());
    try {
      // Counted when the notification arrives (on the event loop, so without blocking).
      listener.channel(RecipientExpansion.WAKE_CHANNEL).handler(payload -> api.pool
          .query("SELECT count(*) FROM messaging.message_expansion WHERE finished_at IS NULL").execute()
          .onComplete(rows -> notified.complete(rows.succeeded() ? rows.result().iterator().next().getLong(0) : -1L)));
      Thread.sleep(200); // LISTEN is sent when the handler is set
      HttpResponse<String> r = post(api, TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "S1-6A1")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      assertThat(notified.get(5, TimeUnit.SECONDS)).as("the message is visible when the workers wake").isPositive();
    } finally {
      ApiTestServer.await(listener.close());
    }
  }

  @Test
  void a_teacher_sends_to_their_class_and_gets_202_with_the_id_before_any_recipient_exists() {
    HttpResponse<String> r = post(api, TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "S1-6A1")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject accepted = new JsonObject(r.body());
    assertThat(accepted.getString("status")).isEqualTo("expanding");
    long id = accepted.getLong("id");
    assertThat(count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + id)).isZero();
    assertThat(count(api, "SELECT count(*) FROM messaging.message_expansion WHERE message_id = " + id)).isEqualTo(1);
    assertThat(count(api, "SELECT count(*) FROM api.audit_event WHERE action = 'message.sent' AND resource_id = '" + id + "'"))
        .isEqualTo(1);
  }

  @Test
  void a_class_the_teacher_does_not_teach_is_refused_naming_the_scope_and_nothing_is_stored() {
    refused(TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "S1-6A1"), scope("class", "S1-6A2")), 404,
        "/audience/1/value");
    refused(TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "S9-8C1")), 404, "/audience/0/value");
  }

  @Test
  void an_unknown_class_gets_the_same_answer_as_one_out_of_reach() {
    HttpResponse<String> unknown = post(api, TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "NO-SUCH")));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(unknown.body()).getString("type")).endsWith("not-found");
  }

  @Test
  void authority_follows_the_role() {
    refused(TestDistrict.homeroomTeacherOf6A1(), announcement(scope("school", "S1")), 404, "/audience/0/value");
    refused(TestDistrict.homeroomTeacherOf6A1(), announcement(scope("student", "ST3")), 404, "/audience/0/value");
    refused(TestDistrict.homeroomTeacherOf6A1(), announcement(scope("student", "ST4")), 404, "/audience/0/value");
    refused(TestDistrict.principalOfSchool1(), announcement(scope("school", "S2")), 404, "/audience/0/value");
    refused(TestDistrict.principalOfSchool1(), announcement(scope("district", "PGD01")), 404, "/audience/0/value");
    refused(TestDistrict.principalOfSchool1(), announcement(scope("guardian", "1003")), 404, "/audience/0/value");
    refused(TestDistrict.districtOfficer(), announcement(scope("school", "S9")), 404, "/audience/0/value");
    refused(TestDistrict.districtOfficer(), announcement(scope("district", "PGD09")), 404, "/audience/0/value");
    refused(TestDistrict.districtOfficer(), announcement(scope("class", "S1-6A1")), 404, "/audience/0/value");
    refused(TestDistrict.accountantOfSchool1(), announcement(scope("school", "S1")), 404, "/audience/0/value");
    refused(TestDistrict.guardian(TestDistrict.G1), announcement(scope("class", "S1-6A1")), 404, "/audience/0/value");
  }

  @Test
  void each_role_may_address_its_own_scopes() {
    Announcements.send(api, TestDistrict.principalOfSchool1(), announcement(scope("school", "S1"), scope("grade", "S1:6"),
        scope("class", "S1-6A2"), scope("student", "ST1"), scope("guardian", "1002")));
    Announcements.send(api, TestDistrict.districtOfficer(), announcement(scope("district", "PGD01")));
    Announcements.send(api, TestDistrict.districtOfficer(), announcement(scope("school", "S1"), scope("school", "S2")));
    Announcements.send(api, TestDistrict.mathsTeacherOf6A1(), announcement(scope("student", "ST1"), scope("guardian", "1001")));
  }

  @Test
  void a_send_time_in_the_past_is_refused() {
    refused(TestDistrict.principalOfSchool1(), announcement(scope("school", "S1"))
        .put("sendAt", OffsetDateTime.now().minusHours(1).toString()), 400, "/sendAt");
  }

  @Test
  void an_expiry_before_the_send_time_is_refused() {
    refused(TestDistrict.principalOfSchool1(), announcement(scope("school", "S1"))
        .put("expiresAt", OffsetDateTime.now().minusMinutes(5).toString()), 400, "/expiresAt");
  }

  @Test
  void attachments_must_be_web_links() {
    JsonObject body = announcement(scope("school", "S1")).put("attachments", new JsonArray()
        .add(new JsonObject().put("name", "lich.pdf").put("url", "https://truong.example/lich.pdf").put("size", 1200)
            .put("type", "application/pdf"))
        .add(new JsonObject().put("name", "x").put("url", "javascript:alert(1)")));
    refused(TestDistrict.principalOfSchool1(), body, 400, "/attachments/1/url");
    body.getJsonArray("attachments").getJsonObject(1).put("url", "ftp://truong.example/x");
    refused(TestDistrict.principalOfSchool1(), body, 400, "/attachments/1/url");
  }

  @Test
  void a_body_over_4000_characters_or_of_blanks_is_refused() {
    refused(TestDistrict.principalOfSchool1(), announcement(scope("school", "S1")).put("body", "ạ".repeat(4001)), 400, "/body");
    refused(TestDistrict.principalOfSchool1(), announcement(scope("school", "S1")).put("body", "   "), 400, "/body");
  }

  @Test
  void a_malformed_grade_is_refused() {
    refused(TestDistrict.principalOfSchool1(), announcement(scope("grade", "6")), 400, "/audience/0/value");
  }

  @Test
  void a_scheduled_message_waits_until_its_time() {
    HttpResponse<String> r = post(api, TestDistrict.principalOfSchool1(), announcement(scope("school", "S1"))
        .put("sendAt", OffsetDateTime.now().plusDays(1).toString()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("scheduled");
    long id = new JsonObject(r.body()).getLong("id");
    Announcements.expandAll(api);
    assertThat(count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + id)).isZero();
    assertThat(count(api, "SELECT count(*) FROM messaging.message WHERE status = 'scheduled' AND id = " + id)).isEqualTo(1);
  }

  @Test
  void a_retried_send_with_the_same_idempotency_key_creates_one_message() {
    String token = api.token(TestDistrict.homeroomTeacherOf6A2());
    JsonObject body = announcement(scope("class", "S1-6A2"));
    HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/messages"))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    Map<String, String> headers = Map.of("content-type", "application/json", "Idempotency-Key", "retry-1234");
    HttpResponse<String> first = api.send(request, token, headers);
    HttpResponse<String> second = api.send(HttpRequest.newBuilder(api.uri("/api/v1/messages"))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())), token, headers);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(new JsonObject(second.body()).getLong("id")).isEqualTo(new JsonObject(first.body()).getLong("id"));
    assertThat(count(api, "SELECT count(*) FROM messaging.message WHERE idempotency_key = 'retry-1234'")).isEqualTo(1);
  }
}
