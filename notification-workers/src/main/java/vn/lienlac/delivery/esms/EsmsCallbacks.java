package vn.lienlac.delivery.esms;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import vn.lienlac.delivery.receipts.DeliveryReceipts;
import vn.lienlac.delivery.receipts.WebhookSeen;

/**
 * eSMS.vn delivery callbacks. Their format is not public (PROVIDERS.md), so the fields are read
 * through a configurable mapping, and eSMS proves itself with a shared secret we put in the
 * {@code CallbackUrl} query ({@code ?secret=…}) since no signature is documented.
 *
 * @see Mapping
 */
public final class EsmsCallbacks {

  /**
   * Which parameter carries what. Defaults follow the names eSMS uses in its send API.
   *
   * @param messageId the eSMS message id (we store {@code SMSID} as provider message id)
   * @param status the delivery status parameter
   * @param delivered status values meaning delivered
   * @param failed status values meaning failed; any other value is noted and ignored
   */
  public record Mapping(String messageId, String status, Set<String> delivered, Set<String> failed) {
    public static final Mapping DEFAULT = new Mapping("SMSID", "SendStatus", Set.of("5"), Set.of("3", "4"));
  }

  private final Pool pool;
  private final String secret;
  private final Mapping mapping;
  private final DeliveryReceipts receipts;
  private final Clock clock;

  public EsmsCallbacks(Pool pool, String secret, Mapping mapping, DeliveryReceipts receipts, Clock clock) {
    this.pool = pool;
    this.secret = secret;
    this.mapping = mapping;
    this.receipts = receipts;
    this.clock = clock;
  }

  /** @param params query and form/JSON parameters of the callback together */
  public Future<Integer> receive(Map<String, String> params) {
    String given = params.get("secret");
    if (secret == null || secret.isBlank() || given == null
        || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return Future.succeededFuture(403);
    }
    String id = params.get(mapping.messageId());
    String status = params.get(mapping.status());
    if (id == null || status == null) {
      return Future.succeededFuture(400);
    }
    boolean delivered = mapping.delivered().contains(status);
    if (!delivered && !mapping.failed().contains(status)) {
      return Future.succeededFuture(200);
    }
    return pool.withTransaction(tx -> WebhookSeen.first(tx, "esms", id + ":" + status).compose(first -> !first
        ? Future.succeededFuture(200)
        : (delivered ? receipts.delivered(tx, "esms", id, clock.instant())
            : receipts.failed(tx, "esms", id, "eSMS status " + status, clock.instant())).map(200)));
  }
}
