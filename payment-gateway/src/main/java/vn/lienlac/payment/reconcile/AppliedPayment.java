package vn.lienlac.payment.reconcile;

/**
 * Money that reached an invoice (or a student's credit when {@code invoiceId} is null), reported after
 * commit so the guardians are told and apps refreshed.
 */
public record AppliedPayment(long applicationId, Long invoiceId, String studentId, String schoolCode, long amount,
                             long receiptId) {}
