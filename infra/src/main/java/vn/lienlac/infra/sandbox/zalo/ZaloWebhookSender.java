package vn.lienlac.infra.sandbox.zalo;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.zalo.ZaloWebhookSignature;

/**
 * Sends Zalo webhook events back to us, signed as Zalo does ({@code X-ZEvent-Signature: mac=…} over
 * app id + body + the body's timestamp + OA secret), after a delay. Without a target nothing is sent.
 */
final class ZaloWebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(ZaloWebhookSender.class);

  private final Vertx vertx;
  private final WebClient client;
  private final ZaloSandboxAccount account;
  private volatile String target;
  private volatile long delayMs = 200;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  ZaloWebhookSender(Vertx vertx, ZaloSandboxAccount account) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.account = account;
  }

  void target(String url) {
    target = url;
  }

  String target() {
    return target;
  }

  void delayMs(long ms) {
    delayMs = ms;
  }

  long delayMs() {
    return delayMs;
  }

  /** @param zns true for ZNS events ({@code X-ZEvent-Server: ZNS}) */
  void later(long afterMs, JsonObject event, boolean zns) {
    String url = target;
    if (url == null) {
      return;
    }
    vertx.setTimer(Math.max(1, afterMs), t -> send(url, event.put("timestamp", Long.toString(System.currentTimeMillis())), zns));
  }

  void send(String url, JsonObject event, boolean zns) {
    String body = event.encode();
    String mac = ZaloWebhookSignature.sign(account.appId(), body, event.getString("timestamp"), account.oaSecret());
    var request = client.postAbs(url).putHeader("Content-Type", "application/json")
        .putHeader("X-ZEvent-Signature", "mac=" + mac);
    if (zns) {
      request.putHeader("X-ZEvent-Server", "ZNS");
    }
    request.sendBuffer(io.vertx.core.buffer.Buffer.buffer(body)).onComplete(ar -> {
      if (ar.succeeded() && ar.result().statusCode() == 200) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
        LOG.info("sandbox Zalo webhook {} to {} not taken: {}", event.getString("event_name"), url,
            ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().getMessage());
      }
    });
  }
}
