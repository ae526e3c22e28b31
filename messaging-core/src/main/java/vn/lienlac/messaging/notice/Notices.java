package vn.lienlac.messaging.notice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import vn.lienlac.messaging.notice.impl.StoredNotices;

/**
 * The public notice API (DESIGN.md "messaging-core"): sign-in and payments hand a notice over here and
 * it is stored durably before the future completes; the notification workers deliver it.
 */
public interface Notices {

  /**
   * Notices stored in {@code messaging.notice} of our database. Storing one also queues its delivery
   * in the same transaction when the delivery schema is installed (its trigger), which wakes the
   * workers with {@code NOTIFY delivery_due}.
   */
  static Notices create(Pool pool) {
    return new StoredNotices(pool, NoticeTemplates.BUNDLED);
  }

  /**
   * Notices stored with the caller's transaction (the transactional outbox): a notice handed over here
   * commits or rolls back with the work that caused it, and the workers deliver it only once it commits.
   * A repeated dedup key stores nothing and does not abort the transaction.
   */
  static Notices within(SqlClient transaction) {
    return new StoredNotices(transaction, NoticeTemplates.BUNDLED);
  }

  /**
   * Stores the notice for delivery; completes with its id (the existing one for a repeated dedup key).
   * Fails with {@link IllegalArgumentException} naming the problem (unknown template, missing
   * variable, phone not in E.164) and stores nothing.
   */
  Future<Long> send(Notice notice);
}
