package vn.lienlac.api.devices;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.api.v1.ApiFeature;

/** {@code /me/devices}: the caller's app installations that receive push notifications. */
public final class DevicesFeature implements ApiFeature {

  private final DeviceStore store;

  public DevicesFeature(ApiDependencies deps) {
    this.store = DeviceStore.create(deps.pool());
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("registerDevice").addHandler(this::register);
    contract.getRoute("removeDevice").addHandler(this::remove);
    contract.getRoute("listMyDevices").addHandler(this::list);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    DeviceStore.Registration r = new DeviceStore.Registration(body.getString("platform"), body.getString("pushToken"),
        body.getString("appVersion"), body.getString("language"));
    store.register(Caller.of(ctx), ctx.pathParam("installationId"), r)
        .onSuccess(done -> ctx.response().setStatusCode(done.created() ? 201 : 200)
            .putHeader("content-type", "application/json").end(done.device().encode()))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    store.remove(Caller.of(ctx), ctx.pathParam("installationId")).onSuccess(removed -> {
      if (removed) {
        ctx.response().setStatusCode(204).end();
      } else {
        Problems.send(ctx, 404, "not-found");
      }
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    store.list(Caller.of(ctx)).onSuccess(devices -> ctx.json(new JsonObject().put("items", new JsonArray(devices))))
        .onFailure(ctx::fail);
  }
}
