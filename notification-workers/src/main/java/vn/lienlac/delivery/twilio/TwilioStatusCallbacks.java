package vn.lienlac.delivery.twilio;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.receipts.DeliveryReceipts;
import vn.lienlac.delivery.receipts.WebhookSeen;

/**
 * Twilio status callbacks ({@code POST /webhooks/twilio/status}, form): {@code X-Twilio-Signature}
 * checked against our public URL, then {@code delivered} / {@code undelivered} / {@code failed} applied
 * to the attempt with that {@code MessageSid}, once per (sid, status). Other statuses (queued, sent,
 * and any Twilio adds) are accepted and logged.
 */
public final class TwilioStatusCallbacks {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioStatusCallbacks.class);
  static final Set<String> FAILED = Set.of("undelivered", "failed");

  private final Pool pool;
  private final String authToken;
  private final String publicUrl;
  private final DeliveryReceipts receipts;
  private final Clock clock;

  /** @param publicUrl the callback's full public URL, as Twilio signed it */
  public TwilioStatusCallbacks(Pool pool, String authToken, String publicUrl, DeliveryReceipts receipts, Clock clock) {
    this.pool = pool;
    this.authToken = authToken;
    this.publicUrl = publicUrl;
    this.receipts = receipts;
    this.clock = clock;
  }

  /** @return the HTTP status to answer */
  public Future<Integer> receive(Map<String, String> form, String signature) {
    if (!TwilioSignature.verify(publicUrl, form, authToken, signature)) {
      return Future.succeededFuture(403);
    }
    String sid = form.get("MessageSid");
    String status = form.get("MessageStatus");
    if (sid == null || status == null) {
      return Future.succeededFuture(400);
    }
    if (!"delivered".equals(status) && !FAILED.contains(status)) {
      LOG.info("Twilio status {} for {} noted", status, sid);
      return Future.succeededFuture(200);
    }
    String code = form.get("ErrorCode");
    return pool.withTransaction(tx -> WebhookSeen.first(tx, "twilio", sid + ":" + status).compose(first -> {
      if (!first) {
        return Future.succeededFuture(200);
      }
      Future<?> applied = "delivered".equals(status)
          ? receipts.delivered(tx, "twilio", sid, clock.instant())
          : receipts.failed(tx, "twilio", sid, "Twilio status " + status
              + (code == null || code.isBlank() ? "" : " (error " + code + ")"), clock.instant());
      return applied.map(200);
    }));
  }
}
