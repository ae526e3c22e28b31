package vn.lienlac.payment.reconcile;

import java.time.LocalDate;

/**
 * An invoice reconciliation may pay.
 *
 * @param number the number its payment reference carries
 * @param householdNumber the household reference's number, or null
 */
public record OpenInvoice(String invoiceId, long number, Long householdNumber, String studentCode,
    String studentName, long amountDue, LocalDate dueDate) {}
