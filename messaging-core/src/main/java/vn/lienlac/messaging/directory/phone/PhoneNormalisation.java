package vn.lienlac.messaging.directory.phone;

import java.util.Objects;

/** The outcome of normalising one phone number: a valid E.164 mobile number, or the problem. */
public sealed interface PhoneNormalisation {

  record Valid(String e164, boolean convertedFromLegacyPrefix) implements PhoneNormalisation {
    public Valid {
      Objects.requireNonNull(e164);
    }
  }

  record Invalid(PhoneProblem problem) implements PhoneNormalisation {
    public Invalid {
      Objects.requireNonNull(problem);
    }
  }

  default boolean isValid() {
    return this instanceof Valid;
  }
}
