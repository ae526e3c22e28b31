package vn.lienlac.messaging.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Tells a user's open apps that something changed (the realtime events of the mobile API:
 * {@code message.created}, {@code message.read}, {@code delivery.updated}, {@code invoice.updated}).
 * Workers in messaging, delivery and payments raise them through this port; the launcher plugs in the
 * mobile API's {@code RealtimeEvents}, which stores each event and fans it out through Redis.
 */
public interface UserEvents {

  String MESSAGE_CREATED = "message.created";
  String MESSAGE_READ = "message.read";
  String DELIVERY_UPDATED = "delivery.updated";
  String INVOICE_UPDATED = "invoice.updated";

  /** In its own transaction. @param subject {@code g:<guardian id>} or {@code s:<staff account id>} */
  Future<Long> publish(String subject, String type, JsonObject data);

  /** Within the caller's transaction: committed with the change that caused it, announced after commit. */
  Future<Long> publish(SqlConnection tx, String subject, String type, JsonObject data);

  /**
   * The same event to each of many users (a message's recipients), stored together in one transaction of
   * its own and then announced: one statement and one round trip to Redis however many users. This
   * default publishes one after the other in subject order; {@code RealtimeEvents} does it set-based.
   *
   * @param subjects {@code g:<guardian id>} or {@code s:<staff account id>}; repeats count once
   * @return how many events were stored
   */
  default Future<Integer> publishToEach(Collection<String> subjects, String type, JsonObject data) {
    Future<Integer> stored = Future.succeededFuture(0);
    for (String subject : new TreeSet<>(subjects)) {
      stored = stored.compose(n -> publish(subject, type, data).map(id -> n + 1));
    }
    return stored;
  }

  /**
   * Recipient rows of message {@code messageId} were committed for guardians with ids in
   * ({@code afterGuardian}, {@code upToGuardian}] (one chunk of a district-wide expansion): too many for
   * an event each, so only the apps open at this moment are told. Best effort, after commit. This default
   * tells nobody (no realtime connections to tell); {@code RealtimeEvents} announces the range to every api
   * process, which raises {@code message.created} for its connected guardians among the recipients.
   */
  default void recipientsAdded(long messageId, long afterGuardian, long upToGuardian) {}
}
