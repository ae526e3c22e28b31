package vn.lienlac.infra.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.messaging.directory.DistrictSchema;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * The invoices the intake benchmark's webhooks pay: invoice {@code id} owes {@link #amount}, and webhook
 * number {@code id} pays exactly that with its reference in a memo mangled as banks do, so reconciliation
 * applies every one (application, ledger entries, receipt) rather than queueing it.
 */
final class IntakeInvoices {

  private static final int CHUNK = 20_000;

  private IntakeInvoices() {}

  static long amount(long invoice) {
    return 100_000 + (invoice % 900) * 1_000;
  }

  static String memo(long invoice) {
    String ref = PaymentReference.of(PaymentReference.Kind.INVOICE, invoice).text();
    return "MBVCB.6998628625." + ref.substring(0, 6).toLowerCase() + "." + ref.substring(6).toLowerCase()
        + " FT24255" + String.format("%09d", invoice);
  }

  /** Invoices 1 … count of the school, open, due 15/09/2026. */
  static void issue(PgUrl ours, String school, int count) throws SQLException {
    try (Connection c = DriverManager.getConnection(ours.jdbcUrl(), ours.user(), ours.password());
         PreparedStatement insert = c.prepareStatement("""
             INSERT INTO payment.invoice (id, school_code, student_id, period_label, reference, amount_due, due_date)
             SELECT id, ?, 'ST' || id, 'Tháng 9/2026', ref, amount, DATE '2026-09-15'
               FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS t(id, ref, amount)""")) {
      for (int from = 1; from <= count; from += CHUNK) {
        int n = Math.min(CHUNK, count - from + 1);
        Long[] ids = new Long[n];
        String[] refs = new String[n];
        Long[] amounts = new Long[n];
        for (int k = 0; k < n; k++) {
          long id = from + k;
          ids[k] = id;
          refs[k] = PaymentReference.of(PaymentReference.Kind.INVOICE, id).text();
          amounts[k] = amount(id);
        }
        insert.setString(1, school);
        insert.setArray(2, c.createArrayOf("bigint", ids));
        insert.setArray(3, c.createArrayOf("text", refs));
        insert.setArray(4, c.createArrayOf("bigint", amounts));
        insert.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setval('payment.invoice_id_seq', " + count + ")");
        s.execute("ANALYZE payment.invoice");
      }
    }
  }

  /** The district tables without rows: the workers process syncs nothing from them. */
  static void emptyDistrict(PgUrl district) throws SQLException {
    try (Connection c = DriverManager.getConnection(district.jdbcUrl(), district.user(), district.password());
         Statement s = c.createStatement()) {
      s.execute(DistrictSchema.ddl());
    }
  }
}
