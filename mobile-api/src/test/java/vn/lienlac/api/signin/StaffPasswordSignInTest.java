package vn.lienlac.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.auth.totp.Base32;
import vn.lienlac.api.auth.totp.Totp;
import vn.lienlac.api.signin.SignInSettings.Limit;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** Staff sign-in by password and TOTP, against real PostgreSQL and Redis. */
class StaffPasswordSignInTest {

  static final String PASSWORD = "mat-khau-dai-du-10";

  ApiTestServer api;
  StaffAccountAdmin admin;

  @BeforeEach
  void start() {
    api = ApiTestServer.start("staff_signin", s -> s.withLimits(s.otpPerPhone(), s.otpPerIp(), s.otpVerifyPerIp(),
        new Limit(6, Duration.ofMinutes(15)), new Limit(50, Duration.ofMinutes(15))));
    TestDistrict.create(api);
    admin = new StaffAccountAdmin(api.pool, ApiTestServer.TEST_PASSWORD_COST);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> signIn(String username, String password, String totp) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (totp != null) {
      body.put("totp", totp);
    }
    return api.post("/api/v1/auth/password", null, body);
  }

  private StaffAccountAdmin.Created accountant(boolean totp, String password) {
    return ApiTestServer.await(admin.add(new StaffAccountAdmin.NewAccount("ketoan.s1", "Kế toán S1", StaffRole.ACCOUNTANT,
        "S1", null, null, password, totp)));
  }

  private vn.lienlac.api.auth.Caller callerOf(String accessToken) {
    try {
      return api.tokens.verify(accessToken);
    } catch (vn.lienlac.api.auth.AccessTokens.InvalidToken e) {
      throw new AssertionError(e.getMessage());
    }
  }

  private static String type(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("type").replaceFirst(".*/", "");
  }

  @Test
  void the_right_password_signs_in_with_the_accounts_role_and_school_in_the_token() {
    accountant(false, PASSWORD);

    HttpResponse<String> r = signIn("KeToan.S1", PASSWORD, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject tokens = new JsonObject(r.body());
    assertThat(tokens.getLong("refreshTokenExpiresIn")).isEqualTo(12L * 3600);
    var caller = callerOf(tokens.getString("accessToken"));
    assertThat(caller.role()).isEqualTo(StaffRole.ACCOUNTANT);
    assertThat(caller.schoolCode()).isEqualTo("S1");
    assertThat(caller.districtCode()).isEqualTo("PGD01");
    assertThat(api.get("/api/v1/me", tokens.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_wrong_password_and_an_unknown_username_get_the_same_answer() {
    accountant(false, PASSWORD);

    HttpResponse<String> wrong = signIn("ketoan.s1", "not-the-password", null);
    HttpResponse<String> unknown = signIn("khong-co-ai", PASSWORD, null);

    assertThat(wrong.statusCode()).isEqualTo(401).isEqualTo(unknown.statusCode());
    assertThat(type(wrong)).isEqualTo("sign-in-failed").isEqualTo(type(unknown));
    assertThat(new JsonObject(wrong.body()).getString("title")).isEqualTo(new JsonObject(unknown.body()).getString("title"));
  }

  @Test
  void a_teacher_account_from_the_directory_cannot_sign_in_until_it_has_a_password() {
    ApiTestServer.await(admin.syncTeachers());
    assertThat(type(signIn("t1", PASSWORD, null))).isEqualTo("sign-in-failed");

    assertThat(ApiTestServer.await(admin.setPassword("t1", PASSWORD))).isTrue();
    HttpResponse<String> r = signIn("t1", PASSWORD, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    var caller = callerOf(new JsonObject(r.body()).getString("accessToken"));
    assertThat(caller.teacherCode()).isEqualTo("T1");
    assertThat(caller.role()).isEqualTo(StaffRole.TEACHER);
  }

  @Test
  void a_disabled_account_is_refused_but_only_told_so_after_the_right_password() {
    accountant(false, PASSWORD);
    api.sql("UPDATE api.staff_account SET disabled_at = now(), disabled_reason = 'teacher_removed'");

    assertThat(type(signIn("ketoan.s1", "not-the-password", null))).isEqualTo("sign-in-failed");
    HttpResponse<String> r = signIn("ketoan.s1", PASSWORD, null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(type(r)).isEqualTo("account-disabled");
  }

  @Test
  void with_totp_turned_on_a_code_is_required_after_the_password_and_checked() {
    StaffAccountAdmin.Created created = accountant(true, PASSWORD);
    byte[] secret = Base32.decode(created.otpauthUri().replaceFirst(".*secret=([A-Z2-7]+).*", "$1"));

    assertThat(type(signIn("ketoan.s1", "not-the-password", null))).isEqualTo("sign-in-failed");
    HttpResponse<String> needsCode = signIn("ketoan.s1", PASSWORD, null);
    assertThat(needsCode.statusCode()).isEqualTo(401);
    assertThat(type(needsCode)).isEqualTo("totp-required");

    String right = Totp.code(secret, Instant.now(), 6);
    String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
    assertThat(type(signIn("ketoan.s1", PASSWORD, wrong))).isEqualTo("totp-invalid");
    assertThat(signIn("ketoan.s1", PASSWORD, right).statusCode()).isEqualTo(200);
    assertThat(type(signIn("ketoan.s1", PASSWORD, right))).as("a code is never accepted twice").isEqualTo("totp-invalid");
  }

  @Test
  void guessing_at_one_username_is_throttled_with_retry_after() {
    accountant(false, PASSWORD);
    for (int i = 0; i < 6; i++) {
      assertThat(signIn("ketoan.s1", "guess-number-" + i, null).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> refused = signIn("ketoan.s1", PASSWORD, null);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(signIn("someone.else", PASSWORD, null).statusCode()).as("other names are not affected").isEqualTo(401);
  }

  @Test
  void a_request_with_unexpected_fields_is_refused_naming_them() {
    HttpResponse<String> r = api.post("/api/v1/auth/password", null,
        new JsonObject().put("username", "ketoan.s1").put("password", PASSWORD).put("role", "principal"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("role");
  }
}
