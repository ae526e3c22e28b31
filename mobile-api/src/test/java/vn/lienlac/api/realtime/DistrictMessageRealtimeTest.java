package vn.lienlac.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.expansion.Expander;
import vn.lienlac.messaging.expansion.ExpansionOptions;

/**
 * A district-wide message stores no event per guardian: each expansion chunk is announced as a range,
 * and only the recipients with an open app get {@code message.created}.
 */
class DistrictMessageRealtimeTest {

  static ApiTestServer api;
  static Vertx apps;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("rt_district_message");
    TestDistrict.create(api);
    apps = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    ApiTestServer.await(apps.close());
    api.close();
  }

  @Test
  void connected_recipients_hear_of_a_district_wide_message_and_nobody_else_gets_an_event() throws Exception {
    long notRecipient = 9_999_999L; // connected, inside the last chunk's range, but not in the directory
    try (AppSocket g1 = AppSocket.withHeader(apps, api.port(), api.token(Caller.guardian(TestDistrict.G1, "phone")), "");
         AppSocket stranger = AppSocket.withHeader(apps, api.port(), api.token(Caller.guardian(notRecipient, "phone")), "")) {
      g1.next();
      stranger.next();
      HttpResponse<String> sent = api.post("/api/v1/messages", api.token(TestDistrict.districtOfficer()),
          new JsonObject().put("title", "Nghỉ lễ").put("body", "Toàn quận nghỉ lễ ngày 2/9.")
              .put("audience", new JsonArray().add(new JsonObject().put("type", "district").put("value", "PGD01"))));
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
      long id = new JsonObject(sent.body()).getLong("id");

      Expander workers = new Expander(api.pool, "rt-test", ExpansionOptions.DEFAULTS.withChunkSize(2), api.realtime.events());
      assertThat(ApiTestServer.await(workers.expandNext(Integer.MAX_VALUE)).messageId()).isEqualTo(id);
      long recipients = count("SELECT count(*) FROM messaging.recipient WHERE message_id = " + id);
      assertThat(recipients).as("several chunks of two").isGreaterThan(2);

      JsonObject event = g1.next();
      assertThat(event.getString("event")).isEqualTo(RealtimeEvents.MESSAGE_CREATED);
      assertThat(event.getJsonObject("data").getLong("messageId")).isEqualTo(id);

      Thread.sleep(500); // every range has been handled by now
      assertThat(subjectsWithEventsFor(id)).as("events stored for connected recipients only").containsExactly("g:" + TestDistrict.G1);
    }
  }

  private static long count(String sql) {
    return ApiTestServer.await(api.pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private static List<String> subjectsWithEventsFor(long messageId) {
    List<String> subjects = new ArrayList<>();
    ApiTestServer.await(api.pool.query("SELECT subject FROM api.realtime_event WHERE type = 'message.created'"
        + " AND (data->>'messageId')::bigint = " + messageId + " ORDER BY subject").execute())
        .forEach(r -> subjects.add(r.getString(0)));
    return subjects;
  }
}
