/**
 * Payment references: the short code a transfer memo carries so that a credit is matched to an
 * invoice, or to a household's invoices, without a person.
 *
 * <p>Public API: {@link vn.lienlac.payment.reference.PaymentReference} (make, print and parse a
 * reference) and {@link vn.lienlac.payment.reference.ReferenceFinder} (find the references in a
 * bank memo). Everything else in the package is an implementation detail.
 */
package vn.lienlac.payment.reference;
