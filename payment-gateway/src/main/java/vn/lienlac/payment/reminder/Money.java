package vn.lienlac.payment.reminder;

/** Amounts as Vietnamese readers write them: dots between thousands, e.g. 1.250.000. */
public final class Money {

  private Money() {}

  public static String dong(long amount) {
    String digits = Long.toString(Math.abs(amount));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append('.');
      }
      out.append(digits.charAt(i));
    }
    return (amount < 0 ? "-" : "") + out;
  }
}
