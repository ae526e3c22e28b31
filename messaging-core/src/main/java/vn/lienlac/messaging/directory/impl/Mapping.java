package vn.lienlac.messaging.directory.impl;

import vn.lienlac.messaging.directory.RejectionReason;

/** What becomes of one upstream row: the values of our copy's non-key columns, or a rejection. */
sealed interface Mapping {

  /** @param flagged kept, but with a data-quality problem a school should fix */
  record Accepted(Object[] values, boolean flagged) implements Mapping {}

  record Rejected(RejectionReason reason, String detail) implements Mapping {}

  static Mapping accept(Object... values) {
    return new Accepted(values, false);
  }

  static Mapping reject(RejectionReason reason, String detail) {
    return new Rejected(reason, detail);
  }
}
