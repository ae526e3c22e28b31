package vn.lienlac.payment.intake.pull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicInteger;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.Recorded;

/**
 * One pull of a feed: from the stored cursor, page after page, every transaction recorded (exactly
 * once, whatever the webhooks already brought), then the cursor moved past the page. The cursor is
 * only moved from the value this pull read, so two processes pulling at once cannot move it back;
 * the loser stops and the next round continues.
 */
public final class BankFeedPull {

  /** Pages one round reads at most, so a long backlog does not hold a worker for long. */
  static final int MAX_PAGES = 50;

  static final String CURSOR = "SELECT last_id FROM payment.bank_feed_cursor WHERE feed = $1 AND account_number = $2";
  static final String ENSURE_CURSOR = """
      INSERT INTO payment.bank_feed_cursor (feed, account_number) VALUES ($1, $2) ON CONFLICT DO NOTHING""";
  static final String MOVE_CURSOR = """
      UPDATE payment.bank_feed_cursor SET last_id = $3, polled_at = now()
       WHERE feed = $1 AND account_number = $2 AND last_id IS NOT DISTINCT FROM $4""";

  /** @param recorded transactions this round saw; added of them were new (their webhook had not come) */
  public record Result(int recorded, int added, int pages, String cursor) {}

  private final Pool pool;
  private final BankTransactions transactions;

  public BankFeedPull(Pool pool, BankTransactions transactions) {
    this.pool = pool;
    this.transactions = transactions;
  }

  public Future<Result> pullOnce(BankFeed feed) {
    Tuple key = Tuple.of(feed.name(), feed.accountNumber());
    return pool.preparedQuery(ENSURE_CURSOR).execute(key)
        .compose(v -> pool.preparedQuery(CURSOR).execute(key))
        .compose(rows -> {
          Row r = rows.iterator().next();
          return pages(feed, r.getString("last_id"), new Result(0, 0, 0, r.getString("last_id")));
        });
  }

  private Future<Result> pages(BankFeed feed, String cursor, Result soFar) {
    return feed.fetch(cursor).compose(page -> {
      if (page.items().isEmpty()) {
        return Future.succeededFuture(soFar);
      }
      AtomicInteger added = new AtomicInteger();
      Future<Void> chain = Future.succeededFuture();
      for (BankFeed.Item item : page.items()) {
        // In order: the cursor must never pass a transaction that is not stored yet.
        chain = chain.compose(v -> transactions.record(feed.source(), item.transaction(), item.raw())
            .map(Recorded::isNew).onSuccess(isNew -> {
              if (isNew) {
                added.incrementAndGet();
              }
            }).mapEmpty());
      }
      String next = page.items().get(page.items().size() - 1).id();
      return chain.compose(v -> pool.preparedQuery(MOVE_CURSOR)
              .execute(Tuple.of(feed.name(), feed.accountNumber(), next, cursor)))
          .compose(moved -> {
            Result now = new Result(soFar.recorded() + page.items().size(), soFar.added() + added.get(),
                soFar.pages() + 1, next);
            if (moved.rowCount() == 0 || !page.more() || now.pages() >= MAX_PAGES) {
              return Future.succeededFuture(now);
            }
            return pages(feed, next, now);
          });
    });
  }
}
