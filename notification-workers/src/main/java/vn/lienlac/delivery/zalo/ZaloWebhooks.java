package vn.lienlac.delivery.zalo;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.receipts.DeliveryReceipts;
import vn.lienlac.delivery.receipts.WebhookSeen;
import vn.lienlac.messaging.inbound.InboundReplies;

/**
 * Zalo's webhook ({@code POST /webhooks/zalo}): checks {@code X-ZEvent-Signature} and the event's
 * age, then applies the event once (its key goes into {@code delivery.webhook_seen} in the same
 * transaction): guardians' texts become inbound replies, ZNS and OA receipts move attempts to
 * delivered/read, follow/unfollow keep {@code delivery.zalo_follower}.
 */
public final class ZaloWebhooks {

  private static final Logger LOG = LoggerFactory.getLogger(ZaloWebhooks.class);

  /** The HTTP status to answer and why (for the log; never sent to the caller). */
  public record Outcome(int status, String detail) {}

  private final Pool pool;
  private final ZaloWebhookOptions options;
  private final DeliveryReceipts receipts;
  private final ZaloFollowers followers;
  private final InboundReplies replies;
  private final Clock clock;

  public ZaloWebhooks(Pool pool, ZaloWebhookOptions options, DeliveryReceipts receipts, InboundReplies replies,
                      Clock clock) {
    this.pool = pool;
    this.options = options;
    this.receipts = receipts;
    this.followers = new ZaloFollowers();
    this.replies = replies;
    this.clock = clock;
  }

  /**
   * @param server the {@code X-ZEvent-Server} header ({@code ZNS} for ZNS receipts), or null
   */
  public Future<Outcome> receive(String rawBody, String signature, String headerTimestamp, String server) {
    JsonObject event;
    try {
      event = new JsonObject(rawBody);
    } catch (DecodeException | ClassCastException e) {
      return Future.succeededFuture(new Outcome(400, "body is not a JSON object"));
    }
    String timestamp = event.getValue("timestamp") == null ? null : event.getValue("timestamp").toString();
    if (!ZaloWebhookSignature.verify(options.signature(), rawBody, timestamp, headerTimestamp, signature)) {
      return Future.succeededFuture(new Outcome(403, "signature missing or wrong"));
    }
    Instant at = instant(timestamp);
    if (at == null || Duration.between(at, clock.instant()).abs().compareTo(options.window()) > 0) {
      return Future.succeededFuture(new Outcome(403, "timestamp outside the replay window"));
    }
    String name = event.getString("event_name", "");
    boolean zns = "ZNS".equalsIgnoreCase(server);
    return pool.withTransaction(tx -> WebhookSeen.first(tx, "zalo", eventKey(name, event, timestamp))
        .compose(first -> first ? apply(tx, name, event, at, zns).map(detail -> new Outcome(200, detail))
            : Future.succeededFuture(new Outcome(200, "replayed " + name + ": already applied"))));
  }

  private Future<String> apply(SqlConnection tx, String name, JsonObject event, Instant at, boolean zns) {
    JsonObject message = event.getJsonObject("message", new JsonObject());
    return switch (name) {
      case "user_send_text" -> inboundText(tx, event, message, at);
      case "user_received_message" -> zns
          ? trackingId(message).map(id -> receipts.deliveredById(tx, id, "zalo_zns", message.getString("msg_id"),
              deliveryTime(message, at)).map(c -> "ZNS delivered: " + c.size()))
            .orElse(Future.succeededFuture("ZNS receipt without a tracking id of ours"))
          : receipts.delivered(tx, "zalo_oa", message.getString("msg_id"), at).map(c -> "OA delivered: " + c.size());
      case "user_seen_message" -> {
        List<String> ids = msgIds(message);
        yield receipts.read(tx, zns ? "zalo_zns" : "zalo_oa", ids, at)
            .compose(c -> zns || !c.isEmpty() ? Future.succeededFuture(c) : receipts.read(tx, "zalo_zns", ids, at))
            .map(c -> "seen: " + c.size());
      }
      case "follow" -> followers.followed(tx, oaId(event), follower(event), at).map("follow");
      case "unfollow" -> followers.unfollowed(tx, oaId(event), follower(event), at).map("unfollow");
      case "user_submit_info" -> followers.sharedPhone(tx, oaId(event),
          event.getJsonObject("sender", new JsonObject()).getString("id"),
          event.getJsonObject("info", new JsonObject()).getString("phone"), at).map("shared phone");
      default -> {
        LOG.info("Zalo event {} accepted and not used", name);
        yield Future.succeededFuture("ignored " + name);
      }
    };
  }

  private Future<String> inboundText(SqlConnection tx, JsonObject event, JsonObject message, Instant at) {
    String oaId = event.getJsonObject("recipient", new JsonObject()).getString("id");
    String userId = event.getJsonObject("sender", new JsonObject()).getString("id");
    return followers.guardianOf(tx, oaId, userId).compose(guardian -> {
      if (guardian == null) {
        // Nobody to attach it to: a follower who never shared a phone that matches one guardian.
        LOG.info("Zalo text from a follower of OA {} not linked to a guardian; not stored", oaId);
        return Future.succeededFuture("text from an unlinked follower");
      }
      return replies.fromGuardian(tx, guardian, "zalo", message.getString("msg_id"), message.getString("text", ""), at)
          .map(id -> id == null ? "text stored before" : "text stored as inbound reply " + id);
    });
  }

  static String eventKey(String name, JsonObject event, String timestamp) {
    JsonObject message = event.getJsonObject("message", new JsonObject());
    String id = message.getString("msg_id");
    if (id == null && message.getJsonArray("msg_ids") != null) {
      id = String.join(",", msgIds(message));
    }
    if (id == null) {
      id = String.valueOf(event.getJsonObject("follower", new JsonObject()).getString("id",
          event.getJsonObject("sender", new JsonObject()).getString("id", event.getString("user_id_by_app"))));
    }
    return name + ":" + id + ":" + timestamp;
  }

  private static List<String> msgIds(JsonObject message) {
    List<String> ids = new ArrayList<>();
    JsonArray array = message.getJsonArray("msg_ids", new JsonArray());
    array.forEach(v -> ids.add(String.valueOf(v)));
    if (ids.isEmpty() && message.getString("msg_id") != null) {
      ids.add(message.getString("msg_id"));
    }
    return ids;
  }

  private static java.util.Optional<Long> trackingId(JsonObject message) {
    try {
      return java.util.Optional.of(Long.parseLong(message.getString("tracking_id", "")));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static Instant deliveryTime(JsonObject message, Instant fallback) {
    Instant at = instant(message.getValue("delivery_time") == null ? null : message.getValue("delivery_time").toString());
    return at == null ? fallback : at;
  }

  private static String oaId(JsonObject event) {
    return event.getString("oa_id", event.getJsonObject("recipient", new JsonObject()).getString("id"));
  }

  private static String follower(JsonObject event) {
    return event.getJsonObject("follower", new JsonObject()).getString("id",
        event.getJsonObject("sender", new JsonObject()).getString("id"));
  }

  /** Zalo's timestamps are epoch milliseconds, as a string or a number. */
  static Instant instant(String millis) {
    try {
      return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
