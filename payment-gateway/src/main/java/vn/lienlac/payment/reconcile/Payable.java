package vn.lienlac.payment.reconcile;

import java.time.LocalDate;

/**
 * An invoice as the matching rules see it, in file mode or in the database: what is still owed on it.
 *
 * @param outstanding amount due minus amount paid; 0 for a paid or cancelled invoice
 */
public record Payable(String invoiceId, String studentId, long outstanding, LocalDate dueDate) {}
