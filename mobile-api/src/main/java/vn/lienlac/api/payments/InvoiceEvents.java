package vn.lienlac.api.payments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * Where invoice changes are announced to guardians' apps ({@code invoice.updated}). The realtime
 * capability implements it ({@code RealtimeEvents.publish(connection, subject, type, data)}): the event
 * is stored on the issuing transaction's connection, so it exists exactly when the invoices do.
 */
@FunctionalInterface
public interface InvoiceEvents {

  String INVOICE_UPDATED = "invoice.updated";

  /** @param subject {@code g:<guardian id>} */
  Future<?> publish(SqlConnection connection, String subject, String type, JsonObject data);
}
