package vn.lienlac.payment.qr;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * What the public payment page behind a reminder's link ({@code /pay/<reference>}) shows: how to pay an
 * invoice, or the invoices of a household with one transfer. The page is reachable by anyone holding the
 * link, so it carries nothing that names a person: no student or guardian names, no class; only the
 * school, its collection account, the period, the due date, the amount and the reference, which is what
 * any bank app shows after scanning the QR anyway.
 *
 * @param reference the canonical reference of the page (invoice or household)
 * @param household whether one transfer pays several invoices
 * @param schoolName the school collecting the fee (the account holder when the directory has no name)
 * @param account the school's collection account ({@code bin, accountNumber, bankName, accountHolder}), or null
 *     when none is set yet
 * @param outstanding what is still owed now over every part (amount due − amount paid)
 * @param dueDate the earliest due date of a part still owed, else of any part
 * @param parts the invoices paid by the reference, in id order: one for an invoice reference
 */
public record PayPage(String reference, boolean household, String schoolName, JsonObject account, long outstanding,
    LocalDate dueDate, List<Part> parts) {

  /** The path of the page; the reference follows. */
  public static final String PATH = "/pay/";

  /** One invoice paid by the page's reference and what is still owed on it. */
  public record Part(String reference, String periodLabel, LocalDate dueDate, long outstanding, String status) {}

  static final String BY_REFERENCE = """
      SELECT i.reference, i.period_label, i.due_date, i.status, i.amount_due - i.amount_paid AS outstanding,
             coalesce(sc.name, a.account_holder) AS school_name,
             CASE WHEN a.bin IS NULL THEN NULL ELSE json_build_object('bin', a.bin, 'accountNumber', a.account_number,
               'bankName', a.bank_name, 'accountHolder', a.account_holder) END AS account
        FROM payment.invoice i
        LEFT JOIN directory.school sc ON sc.code = i.school_code
        LEFT JOIN payment.collection_account a ON a.school_code = i.school_code
       WHERE (i.reference = $1 OR i.household_reference = $1) AND i.status <> 'cancelled'
       ORDER BY i.id""";

  /** The link a reminder carries: the public base URL (trailing slashes ignored), the path and the reference. */
  public static String link(String publicBaseUrl, String reference) {
    return publicBaseUrl.replaceAll("/+$", "") + PATH + reference;
  }

  /** Whether the page asks for a transfer: something is owed and the school has an account to pay into. */
  public boolean payable() {
    return outstanding > 0 && account != null;
  }

  /** The VietQR payload paying everything still owed with the page's reference as the memo; only when payable. */
  public String vietQr() {
    return InvoiceQr.payload(account, outstanding, reference);
  }

  /**
   * The page of a reference as typed in a link (any case); empty when the text is no reference (its check
   * characters fail) or names no invoice that is not cancelled.
   */
  public static Future<Optional<PayPage>> find(SqlClient client, String text) {
    Optional<PaymentReference> parsed = PaymentReference.parse(text);
    if (parsed.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String reference = parsed.get().text();
    boolean household = parsed.get().kind() == PaymentReference.Kind.HOUSEHOLD;
    return client.preparedQuery(BY_REFERENCE).execute(Tuple.of(reference)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      List<Part> parts = new ArrayList<>();
      long owed = 0;
      LocalDate due = null;
      LocalDate firstDue = null;
      Row first = rows.iterator().next();
      for (Row r : rows) {
        long outstanding = Math.max(0, r.getLong("outstanding"));
        LocalDate partDue = r.getLocalDate("due_date");
        parts.add(new Part(r.getString("reference"), r.getString("period_label"), partDue, outstanding,
            r.getString("status")));
        owed += outstanding;
        firstDue = firstDue == null || partDue.isBefore(firstDue) ? partDue : firstDue;
        if (outstanding > 0 && (due == null || partDue.isBefore(due))) {
          due = partDue;
        }
      }
      return Optional.of(new PayPage(reference, household, first.getString("school_name"),
          first.getJsonObject("account"), owed, due == null ? firstDue : due, List.copyOf(parts)));
    });
  }
}
