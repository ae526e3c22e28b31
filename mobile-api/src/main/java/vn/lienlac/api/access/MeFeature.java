package vn.lienlac.api.access;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiFeature;

/** {@code GET /me}: who the caller is. */
public final class MeFeature implements ApiFeature {

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getMe").addHandler(ctx -> {
      Caller caller = Caller.of(ctx);
      JsonObject me = new JsonObject()
          .put("kind", caller.isGuardian() ? "guardian" : "staff")
          .put("id", caller.accountId())
          .put("role", caller.role() == null ? null : caller.role().code());
      ctx.json(me);
    });
  }
}
