package vn.lienlac.payment.statement;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.Recorded;
import vn.lienlac.payment.intake.Source;

/**
 * End-of-day statement import: every line stored exactly once (source {@code statement}), a line a
 * webhook already brought counts once, and credits no webhook had reported are listed as missed
 * notifications (they are reconciled like any other transaction once stored).
 */
public final class StatementImport {

  /** Lines recorded at once; a statement of a few thousand lines takes a few round trips per slot. */
  private static final int IN_FLIGHT = 8;

  /**
   * @param missed credits that no push notification had reported before this import
   * @param firstTimeMissed how many of those this import found for the first time (a re-import finds none)
   */
  public record Report(Statement.StatementFormat format, int lines, int added, int alreadyKnown, List<Missed> missed,
                       int firstTimeMissed, List<String> skipped, Set<String> unknownAccounts) {

    public JsonObject toJson() {
      return new JsonObject().put("format", format.name().toLowerCase(Locale.ROOT)).put("lines", lines)
          .put("new", added).put("alreadyKnown", alreadyKnown)
          .put("missedNotifications", new io.vertx.core.json.JsonArray(missed.stream().map(Missed::toJson).toList()))
          .put("skipped", new io.vertx.core.json.JsonArray(skipped))
          .put("unknownAccounts", new io.vertx.core.json.JsonArray(List.copyOf(unknownAccounts)));
    }
  }

  /** @param pulled the pull client had already found it (the webhook was lost, the pull caught it) */
  public record Missed(String accountNumber, String bankTxnId, long amount, Instant bookedAt, boolean pulled) {
    JsonObject toJson() {
      return new JsonObject().put("accountNumber", accountNumber).put("bankTxnId", bankTxnId).put("amount", amount)
          .put("bookedAt", bookedAt.toString()).put("pulled", pulled);
    }
  }

  private StatementImport() {}

  /**
   * Reads a statement; with a format hint ({@code camt}, {@code mt940}, {@code csv}) the file must be of that format.
   *
   * @throws StatementFormatException naming what is wrong
   */
  public static Statement read(byte[] content, String formatHint) {
    Statement statement = Statements.parse(content);
    if (formatHint != null && !formatHint.isBlank()) {
      String hint = formatHint.strip().toLowerCase(Locale.ROOT);
      boolean fits = switch (hint) {
        case "camt", "camt053", "camt.053", "camt054", "camt.054" ->
            statement.format() == Statement.StatementFormat.CAMT_053 || statement.format() == Statement.StatementFormat.CAMT_054;
        case "mt940" -> statement.format() == Statement.StatementFormat.MT940;
        case "csv" -> statement.format() == Statement.StatementFormat.CSV;
        default -> throw new StatementFormatException("format must be camt, mt940 or csv, got '" + formatHint + "'");
      };
      if (!fits) {
        throw new StatementFormatException("format: the file is " + statement.format().name().toLowerCase(Locale.ROOT)
            + ", not " + hint);
      }
    }
    return statement;
  }

  /** Every account the statement's lines are on. */
  public static Set<String> accounts(Statement statement) {
    Set<String> accounts = new TreeSet<>();
    statement.transactions().forEach(t -> accounts.add(t.accountNumber()));
    return accounts;
  }

  public static Future<Report> run(BankTransactions transactions, Statement statement) {
    List<BankTransaction> lines = statement.transactions();
    Recorded[] results = new Recorded[lines.size()];
    Future<Void> chain = Future.succeededFuture();
    for (int start = 0; start < lines.size(); start += IN_FLIGHT) {
      int from = start;
      chain = chain.compose(v -> {
        List<Future<Recorded>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(from + IN_FLIGHT, lines.size()); i++) {
          int index = i;
          batch.add(transactions.record(Source.STATEMENT, lines.get(i), null).onSuccess(r -> results[index] = r));
        }
        return Future.all(batch).mapEmpty();
      });
    }
    return chain.map(v -> report(statement, results));
  }

  private static Report report(Statement statement, Recorded[] results) {
    int added = 0;
    int known = 0;
    int firstTime = 0;
    List<Missed> missed = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    for (int i = 0; i < results.length; i++) {
      Recorded r = results[i];
      BankTransaction t = statement.transactions().get(i);
      if (r.isNew()) {
        added++;
      } else {
        known++;
      }
      if (r.schoolCode() == null) {
        unknown.add(t.accountNumber());
      }
      if (t.direction() == BankTransaction.Direction.CREDIT && !t.reversal() && r.missedByNotifications()) {
        missed.add(new Missed(t.accountNumber(), t.bankTxnId(), t.amount(), t.bookedAt(),
            r.seenBefore().contains(Source.SEPAY_API.code())));
        if (!r.seenBefore().contains(Source.STATEMENT.code())) {
          firstTime++;
        }
      }
    }
    return new Report(statement.format(), results.length, added, known, List.copyOf(missed), firstTime,
        statement.skipped(), unknown);
  }
}
