package vn.lienlac.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.messaging.notice.Notice;

/** What a test does as the app would: ask for a code, read it off the "phone", verify it. */
final class SignInClient {

  private final ApiTestServer api;

  SignInClient(ApiTestServer api) {
    this.api = api;
  }

  HttpResponse<String> requestCode(String phone) {
    return api.post("/api/v1/auth/otp", null, new JsonObject().put("phone", phone));
  }

  HttpResponse<String> verify(String phone, String code) {
    return api.post("/api/v1/auth/otp/verify", null, new JsonObject().put("phone", phone).put("code", code));
  }

  HttpResponse<String> refresh(String refreshToken) {
    return api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refreshToken));
  }

  /** The notices are handed over after the 202: wait until the n-th one exists. */
  Notice awaitNotice(int count) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (api.notices.all().size() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("notice " + count + " never came; have " + api.notices.all().size());
      }
      sleep(20);
    }
    List<Notice> all = api.notices.all();
    return all.get(count - 1);
  }

  /** Signs a guardian in by phone and returns the tokens. */
  JsonObject signIn(String phone) {
    int before = api.notices.all().size();
    assertThat(requestCode(phone).statusCode()).isEqualTo(202);
    String code = awaitNotice(before + 1).params().get("code");
    HttpResponse<String> r = verify(phone, code);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static String otherCode(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
