package vn.lienlac.payment.statement;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Reads a statement file in whichever supported format it is: camt.053/054, MT940 or the CSV form. */
public final class Statements {

  private Statements() {}

  public static Statement parse(byte[] content) {
    String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8).stripLeading()
        .replace("\uFEFF", "");
    if (head.startsWith("<")) {
      return CamtParser.parse(new ByteArrayInputStream(content));
    }
    String text = new String(content, StandardCharsets.UTF_8).replace("\uFEFF", "");
    if (head.startsWith(":20:") || head.startsWith("{1:") || head.contains("\n:25:")) {
      return Mt940Parser.parse(text);
    }
    if (head.startsWith("bank_txn_id") || head.lines().findFirst().orElse("").contains("bank_txn_id")) {
      return TransactionCsvParser.parse(text);
    }
    throw new StatementFormatException(
        "unknown statement format: expected camt.053/camt.054 XML, MT940 (starting with :20:) or the CSV with a bank_txn_id header");
  }
}
