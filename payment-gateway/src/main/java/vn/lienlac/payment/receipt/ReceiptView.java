package vn.lienlac.payment.receipt;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;
import vn.lienlac.messaging.text.AsciiFolding;

/**
 * A receipt as it is printed and verified. The public verification shows nothing personal beyond the
 * student's initials ({@link #publicJson()}); the guardian's copy carries the payer and the period.
 */
public record ReceiptView(long id, String series, int number, String schoolCode, String schoolName, Long invoiceId,
                          String periodLabel, String studentName, long amount, String payerName, Instant issuedAt,
                          String verifyCode, Instant voidedAt) {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** Columns in order of {@link #of(Row)}, over {@code payment.receipt r} joined to invoice {@code i}, school {@code sc}, student {@code st}. */
  public static final String COLUMNS = """
      r.id, r.series, r.number, r.school_code, sc.name, r.invoice_id, i.period_label, st.full_name, r.amount,
      r.payer_name, r.issued_at, r.verify_code, r.voided_at""";

  /** The joins that go with {@link #COLUMNS}. */
  public static final String FROM = """
      payment.receipt r LEFT JOIN payment.invoice i ON i.id = r.invoice_id
      LEFT JOIN directory.school sc ON sc.code = r.school_code
      LEFT JOIN directory.student st ON st.national_id = r.student_id""";

  public static ReceiptView of(Row r) {
    return of(r, 0);
  }

  /** The receipt from {@link #COLUMNS} starting at column {@code at}. */
  public static ReceiptView of(Row r, int at) {
    return new ReceiptView(r.getLong(at), r.getString(at + 1), r.getInteger(at + 2), r.getString(at + 3),
        r.getString(at + 4), r.getLong(at + 5), r.getString(at + 6), r.getString(at + 7), r.getLong(at + 8),
        r.getString(at + 9), r.getOffsetDateTime(at + 10).toInstant(), r.getString(at + 11),
        r.getOffsetDateTime(at + 12) == null ? null : r.getOffsetDateTime(at + 12).toInstant());
  }

  /** {@code BL/2026/000017}. */
  public String numberText() {
    return series + "/" + String.format("%06d", number);
  }

  public String issuedDate() {
    return DATE.format(issuedAt.atZone(VIETNAM));
  }

  /** {@code Nguyễn Văn An} → {@code N.V.A.}: enough for a parent to recognise, nothing more. */
  public String studentInitials() {
    if (studentName == null || studentName.isBlank()) {
      return "";
    }
    return Arrays.stream(AsciiFolding.fold(studentName).trim().split("\\s+"))
        .map(w -> w.substring(0, 1).toUpperCase() + ".").collect(Collectors.joining());
  }

  public String schoolDisplayName() {
    return schoolName == null ? schoolCode : schoolName;
  }

  /** What {@code GET /receipts/verify/{code}} shows to anyone holding the code. */
  public JsonObject publicJson() {
    return new JsonObject().put("number", numberText()).put("school", schoolDisplayName()).put("amount", amount)
        .put("issuedOn", issuedAt.atZone(VIETNAM).toLocalDate().toString()).put("studentInitials", studentInitials())
        .put("valid", voidedAt == null);
  }

  /** The guardian's view ({@code GET /api/v1/invoices/{id}/receipts}). */
  public JsonObject json() {
    return publicJson().put("id", id).put("invoiceId", invoiceId).put("period", periodLabel).put("payerName", payerName)
        .put("issuedAt", issuedAt.toString()).put("voidedAt", voidedAt == null ? null : voidedAt.toString());
  }
}
