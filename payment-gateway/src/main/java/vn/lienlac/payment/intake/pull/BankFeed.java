package vn.lienlac.payment.intake.pull;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * A bank or aggregator API that lists an account's transactions after a cursor, oldest first, so a
 * credit whose webhook never arrived is still recorded ({@link BankFeedPull}). SePay API v2 is one
 * ({@link SePayApiFeed}); a bank's own open API would be another.
 */
public interface BankFeed {

  /** Names the feed in {@code payment.bank_feed_cursor}. */
  String name();

  String accountNumber();

  /** How transactions found by this feed are marked in {@code seen_by}. */
  Source source();

  /** Transactions after {@code sinceId} (null: from the start), oldest first. */
  Future<Page> fetch(String sinceId);

  /** @param more the feed has further transactions after the last item */
  record Page(List<Item> items, boolean more) {}

  /** @param id the feed's own id, the next cursor */
  record Item(String id, BankTransaction transaction, JsonObject raw) {}
}
