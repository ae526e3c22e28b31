package vn.lienlac.payment.invoice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.vietqr.VietQrEncoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

/**
 * Gives every invoice of a CSV file (PAYMENTS.md: {@code invoice_id,school_code,student_code,
 * student_name,class_name,amount_due,due_date[,household_id]}) its payment reference and the VietQR
 * payload that pays it into the school's collection account, the same way issuing does: the invoice
 * reference is made from {@code invoice_id}, the household one from {@code household_id}, and the QR
 * carries the amount due with the reference as memo. The whole file is checked first; any bad line
 * means no output at all, with every problem listed (up to 50).
 */
public final class InvoiceReferences {

  static final List<String> REQUIRED =
      List.of("invoice_id", "school_code", "student_code", "student_name", "class_name", "amount_due", "due_date");
  private static final int MAX_PROBLEMS = 50;

  /** The school's collection account the QR codes pay into. */
  public record CollectionAccount(String bin, String account) {}

  /** Every problem found in the file, one per line of the message. */
  public static final class BadInvoiceFile extends IllegalArgumentException {
    public BadInvoiceFile(List<String> problems) {
      super(String.join("\n", problems));
    }
  }

  private InvoiceReferences() {}

  public static String assign(String csv, CollectionAccount account) {
    List<List<String>> rows = Csv.parse(csv.replace("\uFEFF", ""));
    if (rows.isEmpty()) {
      throw new BadInvoiceFile(List.of("the file is empty; expected a header row with " + REQUIRED));
    }
    List<String> header = rows.get(0).stream().map(String::strip).toList();
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i), i);
    }
    List<String> problems = new ArrayList<>();
    for (String r : REQUIRED) {
      if (!col.containsKey(r)) {
        problems.add("line 1: no '" + r + "' column");
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInvoiceFile(problems);
    }
    boolean households = col.containsKey("household_id");
    List<String> outHeader = new ArrayList<>(header);
    outHeader.add("reference");
    outHeader.add("vietqr");
    if (households) {
      outHeader.add("household_reference");
    }
    StringBuilder out = new StringBuilder(Csv.row(outHeader)).append('\n');
    Set<Long> seen = new HashSet<>();
    for (int r = 1; r < rows.size() && problems.size() < MAX_PROBLEMS; r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      String where = "line " + (r + 1);
      try {
        long invoiceId = InvoiceColumns.number(value(row, col, "invoice_id"), "invoice_id", where);
        if (!seen.add(invoiceId)) {
          throw new IllegalArgumentException(where + ": invoice_id " + invoiceId + " appears twice");
        }
        long amount = InvoiceColumns.amount(value(row, col, "amount_due"), where);
        InvoiceColumns.date(value(row, col, "due_date"), where);
        for (String required : REQUIRED) {
          if (value(row, col, required).isEmpty()) {
            throw new IllegalArgumentException(where + ": " + required + " is empty");
          }
        }
        PaymentReference reference = PaymentReference.of(PaymentReference.Kind.INVOICE, invoiceId);
        String qr = VietQrEncoder.encode(new VietQrPayload(account.bin(), account.account(), false, amount, null, null,
            reference.text()));
        List<String> outRow = new ArrayList<>(row);
        while (outRow.size() < header.size()) {
          outRow.add("");
        }
        outRow.add(reference.text());
        outRow.add(qr);
        if (households) {
          String household = value(row, col, "household_id");
          outRow.add(household.isEmpty() ? ""
              : PaymentReference.of(PaymentReference.Kind.HOUSEHOLD, InvoiceColumns.number(household, "household_id", where)).text());
        }
        out.append(Csv.row(outRow)).append('\n');
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage().startsWith("line ") ? e.getMessage() : where + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInvoiceFile(problems);
    }
    return out.toString();
  }

  private static String value(List<String> row, Map<String, Integer> col, String name) {
    int i = col.get(name);
    return i < row.size() ? row.get(i).strip() : "";
  }
}
