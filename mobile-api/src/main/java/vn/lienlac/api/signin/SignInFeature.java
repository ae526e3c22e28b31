package vn.lienlac.api.signin;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.api.v1.ApiFeature;

/**
 * {@code /auth/*}: guardians by one-time code, staff by password (+ TOTP), token refresh with rotation
 * and reuse detection, logout.
 */
public final class SignInFeature implements ApiFeature {

  private final GuardianOtpSignIn guardians;
  private final StaffPasswordSignIn staff;
  private final Sessions sessions;

  public SignInFeature(ApiDependencies deps) {
    SignInSettings settings = deps.signIn();
    Throttles throttles = new Throttles(deps.redis(), settings.redisPrefix());
    this.sessions = new Sessions(deps.pool(), deps.tokens(), revocation(deps), settings);
    this.guardians = new GuardianOtpSignIn(new OtpChallenges(deps.pool()), deps.notices(), throttles, sessions, settings);
    this.staff = new StaffPasswordSignIn(deps.vertx(), deps.pool(), throttles, sessions, settings, deps.clock());
  }

  /** What {@code Authentication} asks on every request, and what logout and reuse detection write. */
  public static SessionRevocation revocation(ApiDependencies deps) {
    return new SessionRevocation(deps.redis(), deps.pool(), deps.signIn().redisPrefix(), deps.tokens().lifetime());
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("requestOtp").addHandler(guardians::requestCode);
    contract.getRoute("verifyOtp").addHandler(guardians::verifyCode);
    contract.getRoute("signInWithPassword").addHandler(staff::signIn);
    contract.getRoute("refreshTokens").addHandler(this::refresh);
    contract.getRoute("logout").addHandler(this::logout);
  }

  private void refresh(RoutingContext ctx) {
    sessions.refresh(ctx.body().asJsonObject().getString("refreshToken")).onSuccess(outcome -> {
      if (outcome instanceof Sessions.Refresh.Renewed renewed) {
        ctx.json(renewed.tokens().toJson());
      } else {
        SignInResponses.unauthorized(ctx, "refresh-token-invalid");
      }
    }).onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    sessions.revoke(Caller.of(ctx).sessionId(), "logout")
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
