package vn.lienlac.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.ext.web.openapi.router.Security;
import io.vertx.openapi.contract.Operation;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import vn.lienlac.api.platform.idempotency.Idempotency;

/**
 * The contract as features see it: on every operation that declares the {@code Idempotency-Key}
 * header, the first handler a feature adds is preceded by {@link Idempotency#handler()} and each is
 * wrapped by {@link Idempotency#capturing}. Declaring the header in the contract is all a feature does.
 */
final class IdempotentRoutes implements RouterBuilder {

  private final RouterBuilder contract;
  private final Idempotency idempotency;
  private final Set<OpenAPIRoute> guarded = Collections.newSetFromMap(new IdentityHashMap<>());

  IdempotentRoutes(RouterBuilder contract, Idempotency idempotency) {
    this.contract = contract;
    this.idempotency = idempotency;
  }

  @Override
  public OpenAPIRoute getRoute(String operationId) {
    return guard(contract.getRoute(operationId));
  }

  @Override
  public List<OpenAPIRoute> getRoutes() {
    return contract.getRoutes().stream().map(this::guard).toList();
  }

  @Override
  public RouterBuilder rootHandler(Handler<RoutingContext> handler) {
    contract.rootHandler(handler);
    return this;
  }

  @Override
  public Security security(String name) {
    return contract.security(name);
  }

  @Override
  public Router createRouter() {
    return contract.createRouter();
  }

  private OpenAPIRoute guard(OpenAPIRoute route) {
    return route != null && Idempotency.declaredBy(route.getOperation()) ? new Guarded(route) : route;
  }

  private final class Guarded implements OpenAPIRoute {
    private final OpenAPIRoute route;

    Guarded(OpenAPIRoute route) {
      this.route = route;
    }

    @Override
    public OpenAPIRoute addHandler(Handler<RoutingContext> handler) {
      if (guarded.add(route)) {
        route.addHandler(idempotency.handler());
      }
      route.addHandler(idempotency.capturing(handler));
      return this;
    }

    @Override
    public List<Handler<RoutingContext>> getHandlers() {
      return route.getHandlers();
    }

    @Override
    public OpenAPIRoute addFailureHandler(Handler<RoutingContext> handler) {
      route.addFailureHandler(handler);
      return this;
    }

    @Override
    public List<Handler<RoutingContext>> getFailureHandlers() {
      return route.getFailureHandlers();
    }

    @Override
    public Operation getOperation() {
      return route.getOperation();
    }

    @Override
    public boolean doValidation() {
      return route.doValidation();
    }

    @Override
    public OpenAPIRoute setDoValidation(boolean doValidation) {
      route.setDoValidation(doValidation);
      return this;
    }

    @Override
    public boolean doSecurity() {
      return route.doSecurity();
    }

    @Override
    public OpenAPIRoute setDoSecurity(boolean doSecurity) {
      route.setDoSecurity(doSecurity);
      return this;
    }
  }
}
