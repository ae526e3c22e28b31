package vn.lienlac.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;

/** An app that stops reading is disconnected once its bounded backlog is full; the server keeps nothing more for it. */
class RealtimeSlowAppTest {

  static final int BACKLOG = 16 * 1024;
  static ApiTestServer api;
  static Vertx apps;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("rt_slow", RealtimeOptions.defaults().withBacklog(BACKLOG, Duration.ofSeconds(2))
        .withCatchUpInterval(Duration.ofHours(1)));
    apps = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    ApiTestServer.await(apps.close());
    api.close();
  }

  @Test
  void an_app_that_stops_reading_is_closed_with_4408_and_its_backlog_stays_bounded() throws Exception {
    String bulky = "x".repeat(4000);
    // A plain socket that stops reading (the Vert.x client keeps reading while paused).
    try (DeadApp slow = DeadApp.connect(api.port(), api.token(Caller.guardian(4001, "s1")), 4096);
         AppSocket reader = AppSocket.withHeader(apps, api.port(), api.token(Caller.guardian(4002, "s2")), "")) {
      assertThat(new JsonObject(slow.nextText()).getString("type")).isEqualTo("ready");
      reader.next();
      int published = 0;
      while (api.realtime.hub().slowDisconnects() == 0 && published < 8_000) {
        List<Future<Long>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          batch.add(api.realtime.events().publish("g:4001", RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("body", bulky)));
        }
        ApiTestServer.await(Future.all(batch));
        published += 50;
      }
      assertThat(api.realtime.hub().slowDisconnects()).as("after %d events of 4 KB", published).isEqualTo(1);
      assertThat(api.realtime.hub().largestBacklogBytes()).as("queued beyond the socket's buffer")
          .isLessThanOrEqualTo(BACKLOG + bulky.length() + 200);
      int keptPublishing = 0;
      while (keptPublishing < 50) { // nothing more is queued for the closed connection
        ApiTestServer.await(api.realtime.events().publish("g:4001", RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("body", bulky)));
        keptPublishing++;
      }
      assertThat(api.realtime.hub().largestBacklogBytes()).isLessThanOrEqualTo(BACKLOG + bulky.length() + 200);
      assertThat(api.realtime.hub().users()).as("only the reader is left").isEqualTo(1);

      // Reading again, the app gets what the network held, then the close frame.
      assertThat(slow.awaitCloseCode()).isEqualTo(4408);
      api.realtime.events().publish("g:4002", RealtimeEvents.MESSAGE_READ, new JsonObject());
      assertThat(reader.next().getLong("id")).as("other apps are unaffected").isEqualTo(1);
    }
  }
}
