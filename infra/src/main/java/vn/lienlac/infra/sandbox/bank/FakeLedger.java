package vn.lienlac.infra.sandbox.bank;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fake bank's books: credits in the order they were booked, per account balances. Touched only
 * from the fake bank's event loop, so it needs no locks; it lives as long as the sandbox process.
 */
final class FakeLedger {

  private final List<BookedCredit> credits = new ArrayList<>();
  private final Map<String, Long> balances = new HashMap<>();
  private final Clock clock;
  private long nextRef = 24_255_000_000_000L;

  FakeLedger(Clock clock) {
    this.clock = clock;
  }

  BookedCredit book(String account, long amount, String memo, String payerName) {
    long balance = balances.merge(account, amount, Long::sum);
    BookedCredit c = new BookedCredit(credits.size() + 1L, UUID.randomUUID().toString(), "FT" + (nextRef++),
        account, amount, memo, payerName, clock.instant(), balance);
    credits.add(c);
    return c;
  }

  /** The account's credits after the one with id {@code sinceId} (all when null); null when that id is unknown. */
  List<BookedCredit> after(String account, String sinceId) {
    long from = 0;
    if (sinceId != null) {
      BookedCredit since = credits.stream().filter(c -> c.id().equals(sinceId)).findFirst().orElse(null);
      if (since == null) {
        return null;
      }
      from = since.sequence();
    }
    List<BookedCredit> out = new ArrayList<>();
    for (int i = (int) from; i < credits.size(); i++) {
      BookedCredit c = credits.get(i);
      if (account == null || c.account().equals(account)) {
        out.add(c);
      }
    }
    return out;
  }

  List<BookedCredit> all() {
    return List.copyOf(credits);
  }
}
