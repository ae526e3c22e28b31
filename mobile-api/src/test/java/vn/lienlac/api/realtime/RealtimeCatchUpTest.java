package vn.lienlac.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;

/** When Redis loses an announcement and nothing follows it, the periodic catch-up delivers it. */
class RealtimeCatchUpTest {

  static ApiTestServer api;
  static Vertx apps;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("rt_catchup", RealtimeOptions.defaults().withCatchUpInterval(Duration.ofMillis(300)));
    apps = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    ApiTestServer.await(apps.close());
    api.close();
  }

  @Test
  void an_event_never_announced_on_redis_still_reaches_the_connected_apps_of_the_user() {
    Redis nowhere = Redis.createClient(api.vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
    RealtimeEvents unannounced = RealtimeEvents.create(api.pool, nowhere, api.realtime.options().channel());
    try (AppSocket phone = AppSocket.withHeader(apps, api.port(), api.token(Caller.guardian(5001, "phone")), "");
         AppSocket tablet = AppSocket.withHeader(apps, api.port(), api.token(Caller.guardian(5001, "tablet")), "")) {
      phone.next();
      tablet.next();
      long id = ApiTestServer.await(unannounced.publish("g:5001", RealtimeEvents.INVOICE_UPDATED, new JsonObject().put("paid", true)));
      JsonObject onPhone = phone.next();
      JsonObject onTablet = tablet.next();
      assertThat(onPhone.getLong("id")).isEqualTo(id);
      assertThat(onPhone.getJsonObject("data").getBoolean("paid")).isTrue();
      assertThat(onTablet).isEqualTo(onPhone);
    } finally {
      nowhere.close();
    }
  }
}
