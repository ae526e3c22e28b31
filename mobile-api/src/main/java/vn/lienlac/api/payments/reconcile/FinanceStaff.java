package vn.lienlac.api.payments.reconcile;

import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;

/** Who handles a school's money: its accountant and its principal (the rows of {@code reach_finance_school}). */
final class FinanceStaff {

  private FinanceStaff() {}

  /** The school whose money the caller handles, or null (then every reconciliation resource is 404). */
  static String schoolOf(Caller caller) {
    if (caller.isGuardian() || caller.schoolCode() == null) {
      return null;
    }
    return caller.is(StaffRole.ACCOUNTANT) || caller.is(StaffRole.PRINCIPAL) ? caller.schoolCode() : null;
  }
}
