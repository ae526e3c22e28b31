package vn.lienlac.api.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.devices.Devices;

/** {@code /me/devices} and the push channel's view of them, against real PostgreSQL. */
class DevicesTest {

  static final String PHONE_A = "inst-aaaaaaaa-0001";
  static final String TOKEN_A = "fcm-token-aaaaaaaaaaaaaaaa:APA91b";

  ApiTestServer api;
  String g1;
  String g2;

  @BeforeEach
  void start() {
    api = ApiTestServer.start("devices");
    TestDistrict.create(api);
    g1 = api.token(TestDistrict.guardian(TestDistrict.G1));
    g2 = api.token(TestDistrict.guardian(TestDistrict.G2));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> put(String installationId, String token, JsonObject body) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1/me/devices/" + installationId))
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).header("content-type", "application/json"), token, Map.of());
  }

  private HttpResponse<String> delete(String installationId, String token) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1/me/devices/" + installationId)).DELETE(), token, Map.of());
  }

  private JsonArray list(String token) {
    HttpResponse<String> r = api.get("/api/v1/me/devices", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("items");
  }

  private static JsonObject android(String pushToken) {
    return new JsonObject().put("platform", "android").put("pushToken", pushToken).put("appVersion", "1.4.0").put("language", "vi");
  }

  @Test
  void registering_twice_is_idempotent_and_updates_the_token_and_version() {
    HttpResponse<String> first = put(PHONE_A, g1, android(TOKEN_A));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(new JsonObject(first.body()).getString("installationId")).isEqualTo(PHONE_A);

    HttpResponse<String> again = put(PHONE_A, g1, android(TOKEN_A + "-new").put("appVersion", "1.5.0"));
    assertThat(again.statusCode()).isEqualTo(200);

    JsonArray devices = list(g1);
    assertThat(devices).hasSize(1);
    assertThat(devices.getJsonObject(0).getString("appVersion")).isEqualTo("1.5.0");
    assertThat(devices.getJsonObject(0).containsKey("pushToken")).isFalse();
  }

  @Test
  void a_device_registered_by_another_user_moves_to_the_caller() {
    put(PHONE_A, g1, android(TOKEN_A));

    HttpResponse<String> moved = put(PHONE_A, g2, android(TOKEN_A));

    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(list(g1)).isEmpty();
    assertThat(list(g2)).hasSize(1);
    Devices devices = DeviceStore.create(api.pool);
    assertThat(ApiTestServer.await(devices.liveDevicesOf(TestDistrict.G1))).isEmpty();
    assertThat(ApiTestServer.await(devices.liveDevicesOf(TestDistrict.G2))).extracting(Devices.PushDevice::pushToken)
        .containsExactly(TOKEN_A);
  }

  @Test
  void deleting_removes_only_the_callers_own_device() {
    put(PHONE_A, g1, android(TOKEN_A));

    assertThat(delete(PHONE_A, g2).statusCode()).as("not g2's device").isEqualTo(404);
    assertThat(delete("inst-never-registered", g1).statusCode()).isEqualTo(404);
    assertThat(delete(PHONE_A, g1).statusCode()).isEqualTo(204);
    assertThat(delete(PHONE_A, g1).statusCode()).isEqualTo(404);
    assertThat(list(g1)).isEmpty();
  }

  @Test
  void staff_and_guardians_each_see_only_their_own_devices() {
    String teacher = api.token(TestDistrict.homeroomTeacherOf6A1());
    put(PHONE_A, g1, android(TOKEN_A));
    put("inst-teacher-tablet", teacher, android("fcm-token-teacher-tablet-0001").put("platform", "web"));

    assertThat(list(teacher)).extracting(d -> ((JsonObject) d).getString("installationId")).containsExactly("inst-teacher-tablet");
    assertThat(list(g1)).extracting(d -> ((JsonObject) d).getString("installationId")).containsExactly(PHONE_A);
    assertThat(list(g2)).isEmpty();
  }

  @Test
  void a_push_token_the_provider_calls_dead_stops_receiving_until_registered_again() {
    put(PHONE_A, g1, android(TOKEN_A));
    Devices devices = DeviceStore.create(api.pool);

    ApiTestServer.await(devices.removeDeadToken(TOKEN_A, "UNREGISTERED"));
    ApiTestServer.await(devices.removeDeadToken("never-seen-token", "UNREGISTERED"));

    assertThat(ApiTestServer.await(devices.liveDevicesOf(TestDistrict.G1))).isEmpty();
    assertThat(list(g1)).isEmpty();
    api.sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM api.device WHERE removed_reason = 'push_token_dead'"
        + " AND removed_detail = 'UNREGISTERED') THEN RAISE 'not marked dead'; END IF; END $$");

    assertThat(put(PHONE_A, g1, android("fcm-token-fresh-after-reinstall")).statusCode()).isEqualTo(200);
    assertThat(list(g1)).hasSize(1);
  }

  @Test
  void one_push_token_lives_on_one_installation_only() {
    put(PHONE_A, g1, android(TOKEN_A));
    put("inst-bbbbbbbb-0002", g1, android(TOKEN_A));

    assertThat(ApiTestServer.await(DeviceStore.create(api.pool).liveDevicesOf(TestDistrict.G1)))
        .extracting(Devices.PushDevice::installationId).isEqualTo(List.of("inst-bbbbbbbb-0002"));
  }

  @Test
  void a_bad_registration_is_refused_naming_the_field() {
    HttpResponse<String> r = put(PHONE_A, g1, android(TOKEN_A).put("platform", "symbian"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("/platform");

    HttpResponse<String> badId = put("x", g1, android(TOKEN_A));
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.body()).contains("installationId");

    assertThat(put(PHONE_A, null, android(TOKEN_A)).statusCode()).isEqualTo(401);
  }
}
