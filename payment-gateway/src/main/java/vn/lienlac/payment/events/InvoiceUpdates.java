package vn.lienlac.payment.events;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.events.UserEvents;
import vn.lienlac.payment.reconcile.PaymentEvents;

/**
 * Raises {@code invoice.updated} for every current guardian of the invoice's student, so their open
 * apps refresh the invoice. Runs after the payment committed; the event is a hint to refresh (the
 * invoice itself is the truth), so a failure is logged, never retried into a second payment.
 */
public final class InvoiceUpdates implements PaymentEvents {

  private static final Logger LOG = LoggerFactory.getLogger(InvoiceUpdates.class);
  private static final String GUARDIANS = """
      SELECT gs.guardian_id FROM directory.guardian_student gs
      JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
      WHERE gs.student_id = $1 AND gs.removed_at IS NULL
      ORDER BY gs.guardian_id""";

  private final Pool pool;
  private final UserEvents events;

  public InvoiceUpdates(Pool pool, UserEvents events) {
    this.pool = pool;
    this.events = events;
  }

  @Override
  public void invoiceUpdated(long invoiceId, String studentId, String schoolCode) {
    pool.preparedQuery(GUARDIANS).execute(Tuple.of(studentId)).onSuccess(rows -> {
      List<Long> guardians = new ArrayList<>();
      for (Row row : rows) {
        guardians.add(row.getLong(0));
      }
      JsonObject data = new JsonObject().put("invoiceId", invoiceId).put("studentId", studentId);
      for (long guardian : guardians) {
        events.publish("g:" + guardian, UserEvents.INVOICE_UPDATED, data)
            .onFailure(e -> LOG.warn("invoice.updated for invoice {} not raised: {}", invoiceId, e.getMessage()));
      }
    }).onFailure(e -> LOG.warn("invoice.updated for invoice {} not raised: {}", invoiceId, e.getMessage()));
  }
}
