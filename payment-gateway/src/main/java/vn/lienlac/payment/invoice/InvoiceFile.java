package vn.lienlac.payment.invoice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.reconcile.OpenInvoice;

/**
 * Reads an invoice file (with or without the columns `invoice refs` adds) as the open invoices
 * reconciliation pays: the reference number is the invoice_id, the household number the household_id.
 */
public final class InvoiceFile {

  private InvoiceFile() {}

  public static List<OpenInvoice> read(String csv) {
    List<List<String>> rows = Csv.parse(csv.replace("\uFEFF", ""));
    if (rows.isEmpty()) {
      throw new InvoiceReferences.BadInvoiceFile(List.of("the invoice file is empty"));
    }
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < rows.get(0).size(); i++) {
      col.put(rows.get(0).get(i).strip(), i);
    }
    List<String> problems = new ArrayList<>();
    for (String required : InvoiceReferences.REQUIRED) {
      if (!col.containsKey(required)) {
        problems.add("line 1: no '" + required + "' column");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvoiceReferences.BadInvoiceFile(problems);
    }
    List<OpenInvoice> invoices = new ArrayList<>();
    for (int r = 1; r < rows.size() && problems.size() < 50; r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      String where = "line " + (r + 1);
      try {
        String id = value(row, col, "invoice_id");
        String household = col.containsKey("household_id") ? value(row, col, "household_id") : "";
        invoices.add(new OpenInvoice(id, InvoiceColumns.number(id, "invoice_id", where),
            household.isEmpty() ? null : InvoiceColumns.number(household, "household_id", where),
            value(row, col, "student_code"), value(row, col, "student_name"),
            InvoiceColumns.amount(value(row, col, "amount_due"), where),
            InvoiceColumns.date(value(row, col, "due_date"), where)));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvoiceReferences.BadInvoiceFile(problems);
    }
    return invoices;
  }

  private static String value(List<String> row, Map<String, Integer> col, String name) {
    int i = col.get(name);
    return i < row.size() ? row.get(i).strip() : "";
  }
}
