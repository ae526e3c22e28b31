package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.http.RequestIds;
import vn.lienlac.messaging.directory.phone.PhoneNormalisation;
import vn.lienlac.messaging.directory.phone.VietnameseMobileNumbers;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.Notices;

/**
 * Guardians sign in with their phone: {@code POST /auth/otp} sends a code, {@code POST /auth/otp/verify}
 * trades it for tokens. The send answer must not tell whether the number is in the directory, in its
 * body or its timing: it is given as soon as the throttles passed, before the directory is even asked;
 * looking the number up, storing the challenge and handing the notice over happen afterwards. A failure
 * there is logged with the request id (never the number) and the parent simply asks again.
 */
final class GuardianOtpSignIn {

  private static final Logger LOG = LoggerFactory.getLogger(GuardianOtpSignIn.class);

  private final OtpChallenges challenges;
  private final Notices notices;
  private final Throttles throttles;
  private final Sessions sessions;
  private final SignInSettings settings;

  GuardianOtpSignIn(OtpChallenges challenges, Notices notices, Throttles throttles, Sessions sessions,
                    SignInSettings settings) {
    this.challenges = challenges;
    this.notices = notices;
    this.throttles = throttles;
    this.sessions = sessions;
    this.settings = settings;
  }

  void requestCode(RoutingContext ctx) {
    String phone = normalisedPhone(ctx);
    if (phone == null) {
      return;
    }
    throttles.take(List.of(new Throttles.Bucket(Throttles.hashed("otp-phone", phone), settings.otpPerPhone()),
            new Throttles.Bucket("otp-ip:" + SignInResponses.clientIp(ctx), settings.otpPerIp())))
        .onFailure(e -> SignInResponses.throttleUnavailable(ctx, e))
        .onSuccess(wait -> {
          if (wait > 0) {
            SignInResponses.tooManyRequests(ctx, wait);
            return;
          }
          ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
              .end(new JsonObject().put("codeLength", OtpCodes.DIGITS)
                  .put("expiresInSeconds", OtpChallenges.LIFETIME.toSeconds()).encode());
          String requestId = RequestIds.of(ctx);
          sendIfKnown(phone).onFailure(e -> LOG.error("sign-in code for request {} not sent", requestId, e));
        });
  }

  private Future<Void> sendIfKnown(String phone) {
    return challenges.guardianOf(phone).compose(guardian -> {
      if (guardian == null) {
        return Future.succeededFuture();
      }
      return challenges.issue(phone, guardian.id()).compose(issued -> notices.send(new Notice(phone, guardian.id(), "otp",
          Map.of("code", issued.code(), "minutes", Long.toString(OtpChallenges.LIFETIME.toMinutes())),
          guardian.language(), "otp:" + issued.id()))).mapEmpty();
    });
  }

  void verifyCode(RoutingContext ctx) {
    String phone = normalisedPhone(ctx);
    if (phone == null) {
      return;
    }
    JsonObject body = ctx.body().asJsonObject();
    String code = body.getString("code");
    Sessions.DeviceHint device = deviceHint(body.getJsonObject("device"));
    throttles.take(List.of(new Throttles.Bucket("otp-verify-ip:" + SignInResponses.clientIp(ctx),
            settings.otpVerifyPerIp())))
        .onFailure(e -> SignInResponses.throttleUnavailable(ctx, e))
        .onSuccess(wait -> {
          if (wait > 0) {
            SignInResponses.tooManyRequests(ctx, wait);
            return;
          }
          challenges.answer(phone, code).compose(guardianId -> {
            if (guardianId == null) {
              // Wrong, expired, used, locked or never sent: one answer, so that it says nothing about the number.
              SignInResponses.unauthorized(ctx, "otp-invalid");
              return Future.succeededFuture();
            }
            return sessions.startForGuardian(guardianId, device).onSuccess(t -> ctx.json(t.toJson())).mapEmpty();
          }).onFailure(ctx::fail);
        });
  }

  static Sessions.DeviceHint deviceHint(JsonObject device) {
    return device == null ? Sessions.DeviceHint.NONE
        : new Sessions.DeviceHint(device.getString("installationId"), device.getString("name"));
  }

  /** The phone as E.164, or null after answering 400 naming the field. */
  private static String normalisedPhone(RoutingContext ctx) {
    String typed = ctx.body().asJsonObject().getString("phone");
    PhoneNormalisation n = VietnameseMobileNumbers.normalise(typed);
    if (n instanceof PhoneNormalisation.Valid valid) {
      return valid.e164();
    }
    String problem = ((PhoneNormalisation.Invalid) n).problem().english();
    Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", new JsonArray().add(new JsonObject()
        .put("field", "/phone").put("reason", "not a Vietnamese mobile number: " + problem))));
    return null;
  }
}
