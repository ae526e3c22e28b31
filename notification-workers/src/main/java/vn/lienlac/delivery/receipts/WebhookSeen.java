package vn.lienlac.delivery.receipts;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Replay protection of provider webhooks: an event's key is stored in the transaction that applies
 * it ({@code delivery.webhook_seen}, unique), so a replayed or retried event finds it and does nothing.
 */
public final class WebhookSeen {

  static final String MARK = """
      INSERT INTO delivery.webhook_seen (provider, event_key) VALUES ($1, $2)
      ON CONFLICT (provider, event_key) DO NOTHING""";

  private WebhookSeen() {}

  /** @return true the first time this event is seen (in this transaction's view) */
  public static Future<Boolean> first(SqlConnection tx, String provider, String eventKey) {
    return tx.preparedQuery(MARK).execute(Tuple.of(provider, eventKey)).map(rows -> rows.rowCount() == 1);
  }
}
