package vn.lienlac.messaging.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

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
}
