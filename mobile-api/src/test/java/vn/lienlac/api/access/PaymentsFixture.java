package vn.lienlac.api.access;

import java.util.List;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * Payments rows for the authorization matrix: fee items 1 (S1) and 2 (S2), exemptions 1 (ST1) and 2
 * (ST3), batch 1 of S1, invoices 1 (ST1), 2 (departed ST4), 3 (ST3, school S2), 4 (ST9, other district),
 * and S1's collection account.
 */
final class PaymentsFixture {

  private PaymentsFixture() {}

  private static String ref(long id) {
    return PaymentReference.of(PaymentReference.Kind.INVOICE, id).text();
  }

  static final List<String> SQL = List.of(
      """
      INSERT INTO payment.fee_item (id, school_code, school_year, name, amount, unit, mandatory, legal_basis, due_day)
      OVERRIDING SYSTEM VALUE VALUES
        (1, 'S1', '2026-2027', 'Tiền ăn', 600000, 'per_month', true, 'NQ 12/2025', 10),
        (2, 'S2', '2026-2027', 'Tiền ăn', 550000, 'per_month', true, 'NQ 12/2025', 10)""",
      "SELECT setval('payment.fee_item_id_seq', 100)",
      """
      INSERT INTO payment.exemption (id, school_code, student_id, fee_item_id, percent, document_ref, valid_from, valid_to)
      OVERRIDING SYSTEM VALUE VALUES (1, 'S1', 'ST1', 1, 50, 'QĐ 1', '2026-09-01', '2027-05-31'),
                                     (2, 'S2', 'ST3', 2, 50, 'QĐ 2', '2026-09-01', '2027-05-31')""",
      "SELECT setval('payment.exemption_id_seq', 100)",
      """
      INSERT INTO payment.invoice_batch (id, school_code, batch_key, request_hash, period_label, period_month, fee_item_ids,
                                         invoice_count, total_amount, issued_by)
      OVERRIDING SYSTEM VALUE VALUES (1, 'S1', 'batch-0001', 'x', 'Tháng 8/2026', '2026-08-01', '{1}', 2, 1200000, 's:5')""",
      "INSERT INTO payment.invoice (id, school_code, student_id, batch_id, period_label, reference, amount_due, due_date) VALUES"
          + " (1, 'S1', 'ST1', 1, 'Tháng 8/2026', '" + ref(1) + "', 600000, '2026-08-10'),"
          + " (2, 'S1', 'ST4', 1, 'Tháng 8/2026', '" + ref(2) + "', 600000, '2026-08-10'),"
          + " (3, 'S2', 'ST3', NULL, 'Tháng 8/2026', '" + ref(3) + "', 550000, '2026-08-10'),"
          + " (4, 'S9', 'ST9', NULL, 'Tháng 8/2026', '" + ref(4) + "', 500000, '2026-08-10')",
      "SELECT setval('payment.invoice_id_seq', 100)",
      """
      INSERT INTO payment.collection_account (school_code, bin, account_number, bank_name, account_holder, updated_by)
      VALUES ('S1', '970436', '0011001234567', 'Vietcombank', 'THCS NGUYEN DU', 's:5')
      ON CONFLICT (school_code) DO UPDATE SET bin = EXCLUDED.bin, bank_name = EXCLUDED.bank_name,
        account_holder = EXCLUDED.account_holder, updated_by = EXCLUDED.updated_by""");
}
