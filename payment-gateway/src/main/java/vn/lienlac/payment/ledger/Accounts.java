package vn.lienlac.payment.ledger;

/**
 * The ledger's accounts, one name per thing that holds money, so that balances can be compared with
 * the state of invoices and transactions ({@code ./lienlac ledger verify}):
 * <ul>
 *   <li>{@code bank:<school>}: money on the school's collection account (debit when a credit arrives);</li>
 *   <li>{@code receivable:<invoice id>}: what a family owes on one invoice (debit at issue, credit when paid);</li>
 *   <li>{@code fee_income:<school>}: fees invoiced (credit at issue; debit on cancellation or credit note);</li>
 *   <li>{@code student_credit:<student id>}: overpayments kept for the student's next invoice (credit);</li>
 *   <li>{@code unapplied:<school>}: received money not yet explained (credit until matched, refunded or marked not a fee);</li>
 *   <li>{@code refunds_payable:<school>}: money to return to a payer (credit until the refund leaves the bank);</li>
 *   <li>{@code other_income:<school>}: credits the accountant marked as not a fee.</li>
 * </ul>
 */
public final class Accounts {

  private Accounts() {}

  public static String bank(String school) {
    return "bank:" + school;
  }

  public static String receivable(long invoiceId) {
    return "receivable:" + invoiceId;
  }

  public static String feeIncome(String school) {
    return "fee_income:" + school;
  }

  public static String studentCredit(String studentId) {
    return "student_credit:" + studentId;
  }

  public static String unapplied(String school) {
    return "unapplied:" + school;
  }

  public static String refundsPayable(String school) {
    return "refunds_payable:" + school;
  }

  public static String otherIncome(String school) {
    return "other_income:" + school;
  }
}
