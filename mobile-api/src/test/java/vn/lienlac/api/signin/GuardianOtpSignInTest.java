package vn.lienlac.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.notice.Notice;

/** Guardian sign-in by one-time code, against real PostgreSQL and Redis. */
class GuardianOtpSignInTest {

  ApiTestServer api;
  SignInClient app;

  @BeforeEach
  void start() {
    api = ApiTestServer.start("otp");
    TestDistrict.create(api);
    app = new SignInClient(api);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void a_guardian_typing_the_number_as_parents_do_gets_a_code_and_signs_in_with_it() {
    HttpResponse<String> sent = app.requestCode("0901 000 001");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    assertThat(new JsonObject(sent.body())).isEqualTo(new JsonObject().put("codeLength", 6).put("expiresInSeconds", 300));

    Notice notice = app.awaitNotice(1);
    assertThat(notice.phoneE164()).isEqualTo(TestDistrict.G1_PHONE);
    assertThat(notice.guardianId()).isEqualTo(TestDistrict.G1);
    assertThat(notice.template()).isEqualTo("otp");
    assertThat(notice.params().get("code")).matches("\\d{6}");
    assertThat(notice.params().get("minutes")).isEqualTo("5");
    assertThat(notice.dedupKey()).startsWith("otp:");

    HttpResponse<String> verified = api.post("/api/v1/auth/otp/verify", null, new JsonObject().put("phone", "+84 901 000 001")
        .put("code", notice.params().get("code"))
        .put("device", new JsonObject().put("installationId", "inst-parent-phone-01").put("name", "Điện thoại của bố")));
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    JsonObject tokens = new JsonObject(verified.body());
    assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
    assertThat(tokens.getString("refreshToken")).matches("[A-Za-z0-9_-]{43}");
    assertThat(tokens.getLong("refreshTokenExpiresIn")).isEqualTo(60L * 24 * 3600);

    assertThat(vn.lienlac.infra.support.testing.TestServices.contents(api.url, java.util.List.of("api.session")).getFirst())
        .contains("\"guardian_id\": 1001").contains("inst-parent-phone-01").contains("Điện thoại của bố");

    HttpResponse<String> me = api.get("/api/v1/me", tokens.getString("accessToken"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body()).getLong("id")).isEqualTo(TestDistrict.G1);
  }

  @Test
  void the_code_goes_out_in_the_guardians_language() {
    app.requestCode(TestDistrict.G2_PHONE);
    assertThat(app.awaitNotice(1).language()).isEqualTo("en");
  }

  @Test
  void an_unknown_number_gets_the_same_answer_and_no_notice() {
    HttpResponse<String> known = app.requestCode(TestDistrict.G1_PHONE);
    Notice toKnown = app.awaitNotice(1);

    HttpResponse<String> unknown = app.requestCode("0987 654 321");
    // G4's only student moved away: the number is in the directory but may not sign in.
    HttpResponse<String> departed = app.requestCode(TestDistrict.G4_PHONE);
    app.requestCode(TestDistrict.G3_PHONE);
    app.awaitNotice(2); // the one after the unknown numbers has been handled

    assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(departed.statusCode());
    assertThat(unknown.body()).isEqualTo(known.body()).isEqualTo(departed.body());
    assertThat(api.notices.all()).extracting(Notice::phoneE164)
        .containsExactly(toKnown.phoneE164(), TestDistrict.G3_PHONE);
    assertThat(app.verify("0987654321", "123456").statusCode()).isEqualTo(401);
  }

  @Test
  void a_number_that_is_not_a_vietnamese_mobile_is_refused_naming_the_field() {
    HttpResponse<String> r = app.requestCode("024 3825 1234");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/phone");

    HttpResponse<String> letters = api.post("/api/v1/auth/otp", null, new JsonObject().put("phone", "abc").put("x", 1));
    assertThat(letters.statusCode()).isEqualTo(400);
    assertThat(letters.body()).contains("/phone");
  }

  @Test
  void an_expired_code_is_refused() {
    app.requestCode(TestDistrict.G1_PHONE);
    String code = app.awaitNotice(1).params().get("code");
    api.sql("UPDATE api.otp_challenge SET expires_at = now() - interval '1 second'");

    HttpResponse<String> r = app.verify(TestDistrict.G1_PHONE, code);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getString("type")).endsWith("/otp-invalid");
    assertThat(new JsonObject(r.body()).getString("title")).startsWith("Mã xác thực không đúng");

    HttpResponse<String> en = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/auth/otp/verify"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new JsonObject().put("phone", TestDistrict.G1_PHONE)
            .put("code", code).encode())).header("content-type", "application/json"), null,
        java.util.Map.of("Accept-Language", "en"));
    assertThat(new JsonObject(en.body()).getString("title")).startsWith("The code is wrong, expired");
  }

  @Test
  void a_code_works_once() {
    app.requestCode(TestDistrict.G1_PHONE);
    String code = app.awaitNotice(1).params().get("code");

    assertThat(app.verify(TestDistrict.G1_PHONE, code).statusCode()).isEqualTo(200);
    assertThat(app.verify(TestDistrict.G1_PHONE, code).statusCode()).isEqualTo(401);
  }

  @Test
  void five_wrong_tries_kill_the_code_and_only_a_new_code_helps() {
    app.requestCode(TestDistrict.G1_PHONE);
    String code = app.awaitNotice(1).params().get("code");
    for (int i = 0; i < 5; i++) {
      assertThat(app.verify(TestDistrict.G1_PHONE, SignInClient.otherCode(code)).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> right = app.verify(TestDistrict.G1_PHONE, code);
    assertThat(right.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(right.body()).getString("type")).endsWith("/otp-invalid");

    app.requestCode(TestDistrict.G1_PHONE);
    String fresh = app.awaitNotice(2).params().get("code");
    assertThat(app.verify(TestDistrict.G1_PHONE, fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void four_wrong_tries_still_leave_the_right_code_usable() {
    app.requestCode(TestDistrict.G1_PHONE);
    String code = app.awaitNotice(1).params().get("code");
    for (int i = 0; i < 4; i++) {
      app.verify(TestDistrict.G1_PHONE, SignInClient.otherCode(code));
    }
    assertThat(app.verify(TestDistrict.G1_PHONE, code).statusCode()).isEqualTo(200);
  }

  @Test
  void a_new_code_replaces_the_previous_one() {
    app.requestCode(TestDistrict.G1_PHONE);
    String first = app.awaitNotice(1).params().get("code");
    app.requestCode(TestDistrict.G1_PHONE);
    String second = app.awaitNotice(2).params().get("code");

    if (!first.equals(second)) {
      assertThat(app.verify(TestDistrict.G1_PHONE, first).statusCode()).isEqualTo(401);
    }
    assertThat(app.verify(TestDistrict.G1_PHONE, second).statusCode()).isEqualTo(200);
  }

  @Test
  void codes_are_stored_hashed() {
    app.requestCode(TestDistrict.G1_PHONE);
    String code = app.awaitNotice(1).params().get("code");
    String stored = vn.lienlac.infra.support.testing.TestServices.contents(api.url, java.util.List.of("api.otp_challenge"))
        .getFirst();
    assertThat(stored).doesNotContain("\"" + code + "\"").contains("code_hash");
  }

  @Test
  void the_fourth_code_for_one_number_within_15_minutes_is_refused_with_retry_after() {
    for (int i = 0; i < 3; i++) {
      assertThat(app.requestCode("0901000003").statusCode()).isEqualTo(202);
    }
    HttpResponse<String> refused = app.requestCode("+84901000003");
    assertThat(refused.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 15L * 60);
    JsonObject problem = new JsonObject(refused.body());
    assertThat(problem.getString("type")).endsWith("/too-many-requests");
    assertThat(problem.getLong("retryAfterSeconds")).isEqualTo(retryAfter);
    // Unknown numbers are throttled the same way, so the 429 says nothing about the directory either.
    for (int i = 0; i < 3; i++) {
      app.requestCode("0987000111");
    }
    assertThat(app.requestCode("0987000111").statusCode()).isEqualTo(429);
  }

  @Test
  void a_number_typed_in_by_two_schools_signs_in_as_the_lowest_guardian_id_that_may_sign_in() {
    api.sql("""
        INSERT INTO directory.guardian (id, full_name, phone_e164, language, upstream_updated_at) VALUES
          (999, 'Nguyễn Văn Phụ (trường cũ)', '+84901000001', 'vi', now()),
          (2001, 'Nguyễn Văn Phụ (trường 2)', '+84901000001', 'vi', now())""",
        """
        INSERT INTO directory.guardian_student (student_id, guardian_id, relationship, primary_contact, upstream_updated_at) VALUES
          ('ST4', 999, 'father', true, now()),
          ('ST3', 2001, 'father', true, now())""");

    app.requestCode(TestDistrict.G1_PHONE);
    assertThat(app.awaitNotice(1).guardianId()).as("999 has only a departed student").isEqualTo(TestDistrict.G1);

    api.sql("UPDATE directory.guardian SET removed_at = now() WHERE id = 1001");
    app.requestCode(TestDistrict.G1_PHONE);
    assertThat(app.awaitNotice(2).guardianId()).isEqualTo(2001L);
  }
}
