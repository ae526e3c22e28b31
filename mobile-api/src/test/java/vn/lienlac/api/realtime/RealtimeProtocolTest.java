package vn.lienlac.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.api.testing.ApiTestServer;

/**
 * The realtime protocol against a real server, PostgreSQL and Redis. The catch-up poll is off (1 h),
 * so every live event here came through Redis or through the connection's own gap fetch.
 */
class RealtimeProtocolTest {

  static ApiTestServer api;
  static Vertx apps;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("realtime", RealtimeOptions.defaults()
        .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1500))
        .withAuthTimeout(Duration.ofSeconds(1))
        .withCatchUpInterval(Duration.ofHours(1)));
    apps = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    ApiTestServer.await(apps.close());
    api.close();
  }

  private static String tokenOf(long guardianId) {
    return api.token(Caller.guardian(guardianId, "session-" + guardianId));
  }

  private static long publish(long guardianId, String type, JsonObject data) {
    return ApiTestServer.await(api.realtime.events().publish("g:" + guardianId, type, data));
  }

  @Test
  void an_app_authenticated_by_the_subprotocol_header_gets_ready_then_live_events() {
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(2001), "")) {
      assertThat(app.ws.subProtocol()).isEqualTo("lienlac.v1");
      JsonObject ready = app.next();
      assertThat(ready.getString("type")).isEqualTo("ready");
      assertThat(ready.getLong("lastEventId")).isZero();

      publish(2001, RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("messageId", 77).put("preview", "Họp phụ huynh"));
      JsonObject event = app.next();
      assertThat(event.getString("type")).isEqualTo("event");
      assertThat(event.getLong("id")).isEqualTo(1);
      assertThat(event.getString("event")).isEqualTo("message.created");
      assertThat(event.getJsonObject("data")).isEqualTo(new JsonObject().put("messageId", 77).put("preview", "Họp phụ huynh"));
      assertThat(java.time.Instant.parse(event.getString("at"))).isBefore(java.time.Instant.now().plusSeconds(5));
    }
  }

  @Test
  void an_app_authenticated_by_its_first_frame_gets_ready_and_its_events_only() {
    publish(2002, RealtimeEvents.INVOICE_UPDATED, new JsonObject().put("invoiceId", 1));
    try (AppSocket app = AppSocket.bare(apps, api.port(), "")) {
      app.sendAuth(tokenOf(2002), null);
      JsonObject ready = app.next();
      assertThat(ready).isEqualTo(new JsonObject().put("type", "ready").put("lastEventId", 1).put("replayComplete", true));

      publish(2003, RealtimeEvents.MESSAGE_READ, new JsonObject()); // someone else's
      publish(2002, RealtimeEvents.DELIVERY_UPDATED, new JsonObject().put("state", "delivered"));
      JsonObject event = app.next();
      assertThat(event.getLong("id")).isEqualTo(2);
      assertThat(event.getString("event")).isEqualTo("delivery.updated");
    }
  }

  @Test
  void a_wrong_or_foreign_token_closes_with_4401_whichever_way_it_comes() {
    String foreign = new AccessTokens(SigningKey.generate(), Duration.ofMinutes(5), java.time.Clock.systemUTC())
        .issue(Caller.guardian(2004, "s"));
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), foreign, "")) {
      assertThat(app.closeCode()).isEqualTo((short) 4401);
      assertThat(app.ws.closeReason()).contains("token");
    }
    try (AppSocket app = AppSocket.bare(apps, api.port(), "")) {
      app.sendAuth("abc.def.ghi", 3L);
      assertThat(app.closeCode()).isEqualTo((short) 4401);
    }
  }

  @Test
  void an_app_that_does_not_authenticate_in_time_is_closed_with_4401() {
    try (AppSocket app = AppSocket.bare(apps, api.port(), "")) {
      assertThat(app.closeCode()).isEqualTo((short) 4401);
      assertThat(app.ws.closeReason()).contains("in time");
    }
  }

  @Test
  void a_malformed_auth_frame_or_a_frame_after_auth_closes_with_4400() {
    try (AppSocket app = AppSocket.bare(apps, api.port(), "")) {
      app.ws.writeTextMessage("{\"type\":\"hello\"}");
      assertThat(app.closeCode()).isEqualTo((short) 4400);
    }
    try (AppSocket app = AppSocket.bare(apps, api.port(), "")) {
      app.ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", tokenOf(2005)).put("lastEventId", -1).encode());
      assertThat(app.closeCode()).isEqualTo((short) 4400);
      assertThat(app.ws.closeReason()).contains("lastEventId");
    }
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(2005), "")) {
      app.next();
      app.ws.writeTextMessage("{\"type\":\"auth\"}");
      assertThat(app.closeCode()).isEqualTo((short) 4400);
    }
  }

  @Test
  void a_plain_get_or_a_bad_resume_point_is_refused_over_http() throws Exception {
    io.vertx.core.http.HttpClient http = apps.createHttpClient();
    try {
      JsonObject plain = http.request(io.vertx.core.http.HttpMethod.GET, api.port(), "127.0.0.1", "/api/v1/realtime")
          .compose(r -> r.send()).compose(r -> r.body().map(b -> new JsonObject().put("status", r.statusCode())
              .put("upgrade", r.getHeader("Upgrade")).put("problem", new JsonObject(b))))
          .await(10, TimeUnit.SECONDS);
      assertThat(plain.getInteger("status")).isEqualTo(426);
      assertThat(plain.getString("upgrade")).isEqualTo("websocket");
      assertThat(plain.getJsonObject("problem").getString("type")).endsWith("/websocket-required");
    } finally {
      http.close();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppSocket.withHeader(apps, api.port(), tokenOf(2005), "?lastEventId=abc"))
        .hasRootCauseInstanceOf(io.vertx.core.http.UpgradeRejectedException.class)
        .rootCause().satisfies(e -> assertThat(((io.vertx.core.http.UpgradeRejectedException) e).getStatus()).isEqualTo(400));
  }

  @Test
  void an_app_reconnecting_with_its_last_id_gets_what_it_missed_in_order_and_nothing_twice() throws Exception {
    long user = 2006;
    long lastSeen;
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(user), "")) {
      app.next(); // ready
      publish(user, RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("n", 1));
      publish(user, RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("n", 2));
      assertThat(app.next().getLong("id")).isEqualTo(1);
      lastSeen = app.next().getLong("id");
      assertThat(lastSeen).isEqualTo(2);
    }
    for (int n = 3; n <= 252; n++) { // more than one replay batch
      publish(user, RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("n", n));
    }
    try (AppSocket app = AppSocket.bare(apps, api.port(), "?lastEventId=999")) {
      app.sendAuth(tokenOf(user), lastSeen); // the frame's id wins over the query's
      Thread publisher = Thread.ofVirtual().start(() -> {
        for (int n = 253; n <= 280; n++) {
          publish(user, RealtimeEvents.MESSAGE_READ, new JsonObject().put("n", n));
        }
      });
      List<JsonObject> frames = new ArrayList<>(app.until("ready"));
      publisher.join();
      JsonObject ready = frames.getLast();
      while (frames.stream().filter(f -> "event".equals(f.getString("type"))).mapToLong(f -> f.getLong("id")).max().orElse(0) < 280) {
        frames.add(app.next());
      }
      List<Long> ids = frames.stream().filter(f -> "event".equals(f.getString("type"))).map(f -> f.getLong("id")).toList();
      assertThat(ids).as("every missed event once, in order").isEqualTo(java.util.stream.LongStream.rangeClosed(3, 280).boxed().toList());
      assertThat(ready.getBoolean("replayComplete")).isTrue();
      int readyAt = frames.indexOf(ready);
      assertThat(frames.subList(0, readyAt)).allMatch(f -> f.getLong("id") <= ready.getLong("lastEventId"));
      assertThat(ready.getLong("lastEventId")).isGreaterThanOrEqualTo(252);
      assertThat(app.frames.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
    }
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(user), "?lastEventId=279")) {
      List<JsonObject> frames = app.until("ready");
      assertThat(frames).hasSize(2);
      assertThat(frames.getFirst().getLong("id")).isEqualTo(280);
    }
  }

  @Test
  void a_reconnect_after_the_missed_events_were_purged_says_the_replay_is_incomplete() {
    long user = 2007;
    for (int n = 1; n <= 5; n++) {
      publish(user, RealtimeEvents.INVOICE_UPDATED, new JsonObject().put("n", n));
    }
    api.sql("DELETE FROM api.realtime_event WHERE subject = 'g:2007' AND id <= 3");
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(user), "?lastEventId=1")) {
      List<JsonObject> frames = app.until("ready");
      assertThat(frames).extracting(f -> f.getLong("id")).containsExactly(4L, 5L, null);
      assertThat(frames.getLast().getLong("lastEventId")).isEqualTo(5);
      assertThat(frames.getLast().getBoolean("replayComplete")).isFalse();
    }
  }

  @Test
  void an_event_whose_redis_announcement_was_lost_is_sent_before_the_next_one() {
    long user = 2008;
    Redis nowhere = Redis.createClient(api.vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
    RealtimeEvents unannounced = RealtimeEvents.create(api.pool, nowhere, api.realtime.options().channel());
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(user), "")) {
      app.next();
      assertThat(ApiTestServer.await(unannounced.publish("g:" + user, RealtimeEvents.MESSAGE_CREATED, new JsonObject())))
          .as("stored although Redis is unreachable").isEqualTo(1);
      publish(user, RealtimeEvents.MESSAGE_READ, new JsonObject());
      assertThat(app.next().getLong("id")).isEqualTo(1);
      assertThat(app.next().getLong("id")).isEqualTo(2);
    } finally {
      nowhere.close();
    }
  }

  @Test
  void after_its_redis_subscription_drops_the_process_resubscribes_and_sends_what_was_announced_meanwhile() throws Exception {
    long user = 2011;
    try (AppSocket app = AppSocket.withHeader(apps, api.port(), tokenOf(user), "")) {
      app.next();
      String name = RedisSubscription.connectionName(api.realtime.options().channel());
      String clients = ApiTestServer.await(api.redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.CLIENT)
          .arg("LIST").arg("TYPE").arg("pubsub"))).toString();
      String id = clients.lines().filter(l -> l.contains(" name=" + name + " ")).map(l -> l.split(" ")[0].substring(3))
          .findFirst().orElseThrow(() -> new AssertionError("no subscriber named " + name + " in " + clients));
      ApiTestServer.await(api.redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.CLIENT)
          .arg("KILL").arg("ID").arg(id)));
      publish(user, RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("n", 1)); // announced while A is not listening, most likely
      assertThat(app.next().getLong("id")).isEqualTo(1);
      publish(user, RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("n", 2));
      assertThat(app.next().getLong("id")).isEqualTo(2);
    }
  }

  @Test
  void heartbeats_keep_a_live_app_connected_and_close_one_that_stopped_answering() throws Exception {
    long silentBefore = api.realtime.hub().silentDisconnects();
    try (AppSocket live = AppSocket.withHeader(apps, api.port(), tokenOf(2009), "");
         DeadApp dead = DeadApp.connect(api.port(), tokenOf(2010))) {
      live.next();
      Thread.sleep(2500); // longer than the idle timeout: the live app answered the pings
      assertThat(live.ws.isClosed()).isFalse();
      assertThat(dead.awaitCloseCode()).isEqualTo(4408);
      assertThat(api.realtime.hub().silentDisconnects() - silentBefore).isEqualTo(1);
      publish(2009, RealtimeEvents.MESSAGE_CREATED, new JsonObject());
      assertThat(live.next().getLong("id")).isEqualTo(1);
    }
  }
}
