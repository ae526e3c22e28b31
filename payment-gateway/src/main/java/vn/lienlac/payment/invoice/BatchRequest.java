package vn.lienlac.payment.invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;

/**
 * What an accountant asks a batch to bill: the school's {@code feeItemIds} for {@code month} (whose day
 * {@code dueDay} of each item is its due date), to the active students of {@code classCodes} and
 * {@code grades} (both empty: the whole school).
 *
 * @param batchKey the caller's idempotency key: the same key issues once
 */
public record BatchRequest(String schoolCode, String batchKey, String periodLabel, YearMonth month,
                           List<Long> feeItemIds, List<String> classCodes, List<Integer> grades) {

  public BatchRequest {
    feeItemIds = List.copyOf(feeItemIds);
    classCodes = List.copyOf(classCodes);
    grades = List.copyOf(grades);
  }

  /** Identifies the request's content, so a key reused for a different batch is told apart from a replay. */
  public String hash() {
    String canonical = String.join("\n", schoolCode, periodLabel, month.toString(),
        feeItemIds.stream().sorted().toList().toString(), classCodes.stream().sorted().toList().toString(),
        grades.stream().sorted().toList().toString());
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
