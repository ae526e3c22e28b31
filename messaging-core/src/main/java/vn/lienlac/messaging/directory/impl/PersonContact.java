package vn.lienlac.messaging.directory.impl;

import java.util.Locale;
import vn.lienlac.messaging.directory.phone.PhoneNormalisation;
import vn.lienlac.messaging.directory.phone.VietnameseMobileNumbers;

/** Phone and e-mail of a guardian or teacher as the directory keeps them. */
record PersonContact(String phoneAsTyped, String phoneE164, String phoneProblem, String email) {

  static PersonContact of(String phoneAsTyped, String email) {
    String typed = Text.clean(phoneAsTyped);
    PhoneNormalisation phone = VietnameseMobileNumbers.normalise(typed);
    String e164 = phone instanceof PhoneNormalisation.Valid v ? v.e164() : null;
    String problem = phone instanceof PhoneNormalisation.Invalid i ? i.problem().code() : null;
    return new PersonContact(typed, e164, problem, email(email));
  }

  boolean hasProblem() {
    return phoneProblem != null;
  }

  /** A plausible address lower-cased, or null: a typo here must not block the guardian's row. */
  private static String email(String typed) {
    String cleaned = Text.clean(typed);
    if (cleaned == null || !cleaned.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      return null;
    }
    return cleaned.toLowerCase(Locale.ROOT);
  }
}
