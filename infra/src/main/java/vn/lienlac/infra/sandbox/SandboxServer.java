package vn.lienlac.infra.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.lienlac.infra.sandbox.fcm.FcmSandboxAccount;
import vn.lienlac.infra.sandbox.fcm.FcmTwin;
import vn.lienlac.infra.sandbox.zalo.ZaloSandboxAccount;
import vn.lienlac.infra.sandbox.zalo.ZaloTwin;

/**
 * The sandbox providers: one HTTP server on loopback speaking each provider's wire protocol (eSMS,
 * Twilio, Zalo, FCM), keeping what each phone received and letting tests and
 * benchmarks make providers slow, failing, down or throttled. Used by `./lienlac demo`,
 * `./lienlac sandbox` and the delivery tests.
 */
public final class SandboxServer {

  private final HttpServer server;
  private final Outbox outbox;
  private final ZaloTwin zalo;

  private final FcmTwin fcm;

  private SandboxServer(HttpServer server, Outbox outbox, ZaloTwin zalo, FcmTwin fcm) {
    this.server = server;
    this.outbox = outbox;
    this.zalo = zalo;
    this.fcm = fcm;
  }

  /** The FCM twin: its counters (tokens issued, accepted, throttled) and token lifetime. */
  public FcmTwin fcm() {
    return fcm;
  }

  /** @param port 0 for a free port */
  public static Future<SandboxServer> start(Vertx vertx, SandboxAccounts accounts, String host, int port) {
    Clock clock = Clock.systemUTC();
    Outbox outbox = new Outbox();
    EsmsTwin esms = new EsmsTwin(vertx, accounts, outbox, clock);
    TwilioTwin twilio = new TwilioTwin(vertx, accounts, outbox, clock);
    Map<String, ProviderBehaviour> providers = new LinkedHashMap<>();
    providers.put("esms", esms.behaviour);
    providers.put("twilio", twilio.behaviour);
    ZaloTwin zalo = new ZaloTwin(vertx, ZaloSandboxAccount.DEMO, outbox, clock);
    providers.putAll(new java.util.TreeMap<>(zalo.behaviours()));
    FcmTwin fcm = new FcmTwin(vertx, FcmSandboxAccount.demo(), outbox, clock);
    providers.put("fcm", fcm.behaviour);

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(256 * 1024).setHandleFileUploads(false));
    esms.mount(router);
    twilio.mount(router);
    zalo.mount(router);
    fcm.mount(router);
    new SandboxPages(outbox, providers, clock).mount(router);
    HttpServer server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, host).map(s -> new SandboxServer(s, outbox, zalo, fcm));
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL every provider setting points at, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public ZaloTwin zalo() {
    return zalo;
  }

  public Outbox outbox() {
    return outbox;
  }

  public Future<Void> close() {
    return server.close();
  }
}
