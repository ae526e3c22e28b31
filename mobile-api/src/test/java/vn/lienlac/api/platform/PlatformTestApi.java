package vn.lienlac.api.platform;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.RevokedSessions;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.http.RequestIds;
import vn.lienlac.api.platform.idempotency.Idempotency;
import vn.lienlac.api.platform.limits.RateLimiting;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.ApiV1;

/**
 * {@code /api/v1} built by {@link ApiV1} from the test-only contract {@code openapi/platform-test.yaml},
 * whose operations create notes in a test table: something with an effect to count. Database, Redis
 * and tokens come from an {@link ApiTestServer}.
 */
final class PlatformTestApi implements AutoCloseable {

  final ApiTestServer api;
  private final HttpServer server;
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

  PlatformTestApi(String name) {
    api = ApiTestServer.start(name);
    api.sql("CREATE TABLE public.test_note (id bigserial PRIMARY KEY, owner text NOT NULL, text text NOT NULL)");
    Router v1 = ApiTestServer.await(ApiV1.router(api.vertx, "openapi/platform-test.yaml",
        new Authentication(api.tokens, RevokedSessions.NONE),
        new RateLimiting(api.redis, ApiTestServer.generousLimits()), new Idempotency(api.pool),
        List.of(new Notes())));
    Router root = Router.router(api.vertx);
    root.route().handler(RequestIds::assign);
    root.route(ApiV1.BASE_PATH + "/*").subRouter(v1);
    root.errorHandler(413, ctx -> Problems.send(ctx, 413, "body-too-large"));
    root.errorHandler(500, ctx -> {
      if (ctx.failure() != null) {
        ctx.failure().printStackTrace();
      }
      Problems.send(ctx, 500, "internal-error");
    });
    server = ApiTestServer.await(api.vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
  }

  HttpResponse<String> post(String path, String token, String key, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
    return api.send(request, token, key == null ? Map.of() : Map.of(Idempotency.HEADER, key));
  }

  long notes(String text) {
    return ApiTestServer.await(api.pool.preparedQuery("SELECT count(*) FROM public.test_note WHERE text = $1")
        .execute(Tuple.of(text))).iterator().next().getLong(0);
  }

  @Override
  public void close() {
    api.close();
  }

  int port() {
    return server.actualPort();
  }

  /**
   * Creates a note; waits {@code delayMs} first; answers 503 the first time when {@code failFirst}.
   * Outside the contract, {@code /socket} upgrades to a WebSocket that says "hello" and echoes, as realtime does.
   */
  private final class Notes implements ApiFeature {
    @Override
    public void mount(RouterBuilder contract) {
      contract.getRoute("createNote").addHandler(this::create);
      contract.getRoute("createPublicNote").addHandler(this::create);
    }

    @Override
    public void mountOutsideContract(Router v1) {
      v1.get("/socket").handler(ctx -> ctx.request().toWebSocket()
          .onSuccess(ws -> {
            ws.textMessageHandler(text -> ws.writeTextMessage("echo:" + text));
            ws.writeTextMessage("hello");
          })
          .onFailure(ctx::fail));
    }

    private void create(RoutingContext ctx) {
      JsonObject note = ctx.body().asJsonObject();
      String text = note.getString("text");
      if (note.getBoolean("failFirst", false) && failedOnce.add(text)) {
        Problems.send(ctx, 503, "service-unavailable");
        return;
      }
      Caller caller = Caller.find(ctx);
      String owner = caller == null ? "anonymous" : caller.subject();
      api.vertx.setTimer(Math.max(1, note.getLong("delayMs", 0L)), t -> api.pool
          .preparedQuery("INSERT INTO public.test_note (owner, text) VALUES ($1, $2) RETURNING id")
          .execute(Tuple.of(owner, text))
          .onFailure(ctx::fail)
          .onSuccess(rows -> {
            long id = rows.iterator().next().getLong("id");
            ctx.response().setStatusCode(201).putHeader("Location", ApiV1.BASE_PATH + "/notes/" + id);
            ctx.json(new JsonObject().put("id", id).put("text", text).put("owner", owner));
          }));
    }
  }
}
