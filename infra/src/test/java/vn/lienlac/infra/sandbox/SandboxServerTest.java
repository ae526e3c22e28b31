package vn.lienlac.infra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox providers over real HTTP: protocol checks as the real providers make them, the outbox, control. */
class SandboxServerTest {

  static final SandboxAccounts A = SandboxAccounts.DEMO;

  Vertx vertx;
  SandboxServer sandbox;
  WebClient http;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sandbox = SandboxServer.start(vertx, A, "127.0.0.1", 0).await();
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void the_outbox_lists_what_a_phone_received_newest_first_as_json() {
    assertThat(esms(esmsRequest("0912345678", "first", "r1")).getString("CodeResult")).isEqualTo("100");
    assertThat(twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("+84912345678", "second")).statusCode())
        .isEqualTo(201);
    esms(esmsRequest("0987654321", "someone else", "r2"));

    JsonArray outbox = get("/sandbox/outbox?to=%2B84912345678").bodyAsJsonArray();
    assertThat(outbox).hasSize(2);
    assertThat(outbox.getJsonObject(0).getString("provider")).isEqualTo("twilio");
    assertThat(outbox.getJsonObject(0).getString("channel")).isEqualTo("sms");
    assertThat(outbox.getJsonObject(0).getString("text")).isEqualTo("second");
    assertThat(outbox.getJsonObject(0).getString("time")).isNotBlank();
    assertThat(outbox.getJsonObject(1).getString("provider")).isEqualTo("esms");
    assertThat(outbox.getJsonObject(1).getString("from")).isEqualTo(A.esmsBrandname());
    assertThat(get("/sandbox/outbox?to=+84912345678").bodyAsJsonArray()).as("'+' typed unencoded").hasSize(2);
    assertThat(get("/sandbox/outbox?to=%2B84900000000").bodyAsJsonArray()).isEmpty();
    assertThat(get("/sandbox/outbox").bodyAsJsonArray()).hasSize(3);
  }

  @Test
  void the_page_shows_each_phones_messages_with_vietnamese_labels_first_and_escapes_text() {
    esms(esmsRequest("0912345678", "Ma dang nhap la 123456 <b>", "r1"));

    HttpResponse<Buffer> page = get("/sandbox");

    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("Hộp thư sandbox").contains("+84912345678")
        .contains("Ma dang nhap la 123456 &lt;b&gt;").doesNotContain("<b>").contains("Nội dung");
  }

  @Test
  void esms_checks_keys_brandname_and_phone_and_deduplicates_request_ids_like_esms() {
    assertThat(esms(esmsRequest("0912345678", "x", "r1").put("SecretKey", "wrong")).getString("CodeResult")).isEqualTo("101");
    assertThat(esms(esmsRequest("0912345678", "x", "r1").put("Brandname", "Other")).getString("CodeResult")).isEqualTo("104");
    assertThat(esms(esmsRequest("12345", "x", "r1")).getString("CodeResult")).isEqualTo("108");
    assertThat(esms(esmsRequest("0912345678", "x", "r1").put("SmsType", "5")).getString("CodeResult")).isEqualTo("118");
    assertThat(sandbox.outbox().total()).isZero();

    JsonObject first = esms(esmsRequest("84912345678", "x", "r1"));
    JsonObject again = esms(esmsRequest("84912345678", "x", "r1"));

    assertThat(first.getString("CodeResult")).isEqualTo("100");
    assertThat(first.getString("SMSID")).isNotBlank();
    assertThat(again.getString("CodeResult")).isEqualTo("124");
    assertThat(sandbox.outbox().to("+84912345678")).hasSize(1);
  }

  @Test
  void twilio_wants_basic_auth_of_the_account_and_its_required_fields() {
    MultiMap ok = twilioForm("+84912345678", "hi");
    assertThat(twilio(A.twilioAccountSid(), "wrong", ok).bodyAsJsonObject().getInteger("code")).isEqualTo(20003);
    assertThat(http.postAbs(sandbox.url() + "/2010-04-01/Accounts/" + A.twilioAccountSid() + "/Messages.json")
        .sendForm(ok).await().statusCode()).isEqualTo(401);
    assertThat(twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("0912345678", "hi")).bodyAsJsonObject()
        .getInteger("code")).isEqualTo(21211);
    assertThat(twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("+84912345678", "hi").remove("Body"))
        .bodyAsJsonObject().getInteger("code")).isEqualTo(21602);
    assertThat(twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("+84912345678", "hi").set("From", "+1999"))
        .bodyAsJsonObject().getInteger("code")).isEqualTo(21606);

    HttpResponse<Buffer> created = twilio(A.twilioAccountSid(), A.twilioAuthToken(), ok);
    JsonObject message = created.bodyAsJsonObject();
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(message.getString("sid")).startsWith("SM").hasSize(34);
    assertThat(message.getString("status")).isEqualTo("queued");
    assertThat(message.getString("num_segments")).isEqualTo("1");
    assertThat(message.getString("to")).isEqualTo("+84912345678");
    assertThat(message.containsKey("price")).isTrue();
  }

  @Test
  void control_makes_a_provider_throttle_go_down_or_fail_and_refuses_unknown_fields() {
    control(new JsonObject().put("provider", "twilio").put("quotaPerSecond", 1));
    HttpResponse<Buffer> first = twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("+84912345678", "a"));
    HttpResponse<Buffer> second = twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("+84912345678", "b"));
    if (first.statusCode() == 201 && second.statusCode() != 429) {
      // The two fell into different clock seconds; a third in the same second as the second is refused.
      second = twilio(A.twilioAccountSid(), A.twilioAuthToken(), twilioForm("+84912345678", "c"));
    }
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.getHeader("Retry-After")).isEqualTo("1");

    control(new JsonObject().put("provider", "esms").put("outage", new JsonObject().put("seconds", 60).put("status", 503)));
    assertThat(http.postAbs(sandbox.url() + EsmsTwin.PATH + "/").sendJsonObject(esmsRequest("0912345678", "x", "o1"))
        .await().statusCode()).isEqualTo(503);
    control(new JsonObject().put("provider", "esms").put("reset", true).put("failNext", new JsonArray().add("103")));
    assertThat(esms(esmsRequest("0912345678", "x", "o2")).getString("CodeResult")).isEqualTo("103");
    assertThat(esms(esmsRequest("0912345678", "x", "o3")).getString("CodeResult")).isEqualTo("100");

    HttpResponse<Buffer> refused = http.postAbs(sandbox.url() + "/sandbox/control")
        .sendJsonObject(new JsonObject().put("provider", "esms").put("latency", 5)).await();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("latency");
  }

  private JsonObject esmsRequest(String phone, String content, String requestId) {
    return new JsonObject().put("ApiKey", A.esmsApiKey()).put("SecretKey", A.esmsSecretKey()).put("Phone", phone)
        .put("Content", content).put("Brandname", A.esmsBrandname()).put("SmsType", "2").put("IsUnicode", "0")
        .put("Sandbox", "0").put("RequestId", requestId);
  }

  private JsonObject esms(JsonObject request) {
    HttpResponse<Buffer> response = http.postAbs(sandbox.url() + EsmsTwin.PATH + "/").sendJsonObject(request).await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private MultiMap twilioForm(String to, String body) {
    return MultiMap.caseInsensitiveMultiMap().add("To", to).add("From", A.twilioFrom()).add("Body", body);
  }

  private HttpResponse<Buffer> twilio(String sid, String token, MultiMap form) {
    return http.postAbs(sandbox.url() + "/2010-04-01/Accounts/" + sid + "/Messages.json")
        .basicAuthentication(sid, token).sendForm(form).await();
  }

  private void control(JsonObject control) {
    assertThat(http.postAbs(sandbox.url() + "/sandbox/control").sendJsonObject(control).await().statusCode()).isEqualTo(200);
  }

  private HttpResponse<Buffer> get(String path) {
    return http.getAbs(sandbox.url() + path).send().await();
  }
}
