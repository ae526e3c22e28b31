package vn.lienlac.payment.fee;

import java.time.LocalDate;

/**
 * A reduction granted to one student: {@code percent} or a fixed {@code amount} off one fee item
 * ({@code feeItemId}), or off every item when {@code feeItemId} is null, for lines due from
 * {@code validFrom} to {@code validTo} inclusive.
 */
public record Exemption(long id, String studentId, Long feeItemId, Integer percent, Long amount, LocalDate validFrom,
                        LocalDate validTo) {

  public Exemption {
    if ((percent == null) == (amount == null)) {
      throw new IllegalArgumentException("an exemption is either a percentage or a fixed amount");
    }
    if (percent != null && (percent < 1 || percent > 100)) {
      throw new IllegalArgumentException("percent must be 1–100, got " + percent);
    }
    if (amount != null && amount <= 0) {
      throw new IllegalArgumentException("a fixed exemption must be at least 1 đồng, got " + amount);
    }
    if (validFrom.isAfter(validTo)) {
      throw new IllegalArgumentException("exemption valid from " + validFrom + " is after its end " + validTo);
    }
  }
}
