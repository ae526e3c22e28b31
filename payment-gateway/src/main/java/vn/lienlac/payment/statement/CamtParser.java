package vn.lienlac.payment.statement;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * ISO 20022 camt.053 (BkToCstmrStmt/Stmt/Ntry) and camt.054 (BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry), any
 * version from 001.02 to 001.08: elements are matched by local name, so the namespace version does
 * not matter, and both the old ({@code Sts}, {@code Dbtr/Nm}) and new ({@code Sts/Cd},
 * {@code Dbtr/Pty/Nm}) shapes are read. Streamed with StAX: a statement of any size is read in
 * constant memory apart from the transactions returned. External entities are disabled.
 */
final class CamtParser {

  private CamtParser() {}

  static Statement parse(InputStream xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(xml);
      return new CamtParser.Run(reader).read();
    } catch (XMLStreamException e) {
      throw new StatementFormatException("not well-formed XML: " + e.getMessage());
    }
  }

  private static final class Run {
    private final XMLStreamReader reader;
    private final Deque<String> path = new ArrayDeque<>();
    private final List<BankTransaction> transactions = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Statement.StatementFormat format;
    private String account;
    private Entry entry;
    private Detail detail;
    private int entryNumber;

    Run(XMLStreamReader reader) {
      this.reader = reader;
    }

    Statement read() throws XMLStreamException {
      StringBuilder text = new StringBuilder();
      String currency = null;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = reader.getLocalName();
          path.push(name);
          text.setLength(0);
          currency = reader.getAttributeValue(null, "Ccy");
          start(name);
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          text.append(reader.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          end(reader.getLocalName(), text.toString().strip(), currency);
          path.pop();
          text.setLength(0);
        }
      }
      if (format == null) {
        throw new StatementFormatException("not a camt.053 or camt.054 document (no BkToCstmrStmt or BkToCstmrDbtCdtNtfctn)");
      }
      return new Statement(format, List.copyOf(transactions), List.copyOf(skipped));
    }

    private void start(String name) {
      switch (name) {
        case "BkToCstmrStmt" -> format = Statement.StatementFormat.CAMT_053;
        case "BkToCstmrDbtCdtNtfctn" -> format = Statement.StatementFormat.CAMT_054;
        case "Stmt", "Ntfctn" -> account = null;
        case "Ntry" -> {
          entry = new Entry();
          entryNumber++;
        }
        case "TxDtls" -> {
          if (entry != null) {
            detail = new Detail();
            entry.details.add(detail);
          }
        }
        default -> { }
      }
    }

    private void end(String name, String value, String currency) {
      String p = relativePath();
      if (entry == null) {
        if (p.endsWith("Acct/Id/Othr/Id") || p.endsWith("Acct/Id/IBAN")) {
          if (path.contains("Stmt") || path.contains("Ntfctn")) {
            account = value;
          }
        }
        return;
      }
      if (name.equals("Ntry")) {
        emit(entry);
        entry = null;
        return;
      }
      if (name.equals("TxDtls")) {
        detail = null;
        return;
      }
      if (value.isEmpty()) {
        return; // a container such as Sts around Cd, or an empty element
      }
      if (detail != null) {
        readDetail(p.substring(p.indexOf("TxDtls/") + "TxDtls/".length()), value, currency);
      } else {
        readEntry(p.substring(p.indexOf("Ntry/") + "Ntry/".length()), value, currency);
      }
    }

    private void readEntry(String p, String value, String currency) {
      switch (p) {
        case "Amt" -> {
          entry.amount = value;
          entry.currency = currency;
        }
        case "CdtDbtInd" -> entry.creditDebit = value;
        case "RvslInd" -> entry.reversal = value.equalsIgnoreCase("true");
        case "Sts", "Sts/Cd" -> entry.status = value;
        case "BookgDt/Dt" -> entry.bookedDate = value;
        case "BookgDt/DtTm" -> entry.bookedDateTime = value;
        case "AcctSvcrRef" -> entry.reference = value;
        case "AddtlNtryInf" -> entry.additionalInfo = value;
        default -> { }
      }
    }

    private void readDetail(String p, String value, String currency) {
      switch (p) {
        case "Refs/AcctSvcrRef" -> detail.reference = value;
        case "Refs/TxId" -> detail.txId = value;
        case "Amt", "AmtDtls/TxAmt/Amt" -> {
          detail.amount = value;
          detail.currency = currency;
        }
        case "RltdPties/Dbtr/Nm", "RltdPties/Dbtr/Pty/Nm" -> detail.payerName = value;
        case "RltdPties/DbtrAcct/Id/Othr/Id", "RltdPties/DbtrAcct/Id/IBAN" -> detail.payerAccount = value;
        case "RmtInf/Ustrd" -> detail.memo.append(value.isEmpty() || detail.memo.isEmpty() ? value : " " + value);
        case "RmtInf/Strd/CdtrRefInf/Ref" -> detail.structuredReference = value;
        case "AddtlTxInf" -> detail.additionalInfo = value;
        default -> { }
      }
    }

    private void emit(Entry e) {
      String where = "entry " + entryNumber + (e.reference == null ? "" : " (" + e.reference + ")");
      if (e.status != null && !e.status.equals("BOOK")) {
        skipped.add(where + ": status " + e.status + ", not booked yet");
        return;
      }
      if (account == null) {
        throw new StatementFormatException(where + ": the statement names no account (Acct/Id)");
      }
      requireVnd(e.currency, where);
      Direction direction = switch (e.creditDebit == null ? "" : e.creditDebit) {
        case "CRDT" -> Direction.CREDIT;
        case "DBIT" -> Direction.DEBIT;
        default -> throw new StatementFormatException(where + ": CdtDbtInd must be CRDT or DBIT, got '" + e.creditDebit + "'");
      };
      Instant booked = booked(e, where);
      boolean split = e.details.size() > 1 && e.details.stream().allMatch(d -> d.amount != null);
      if (split) {
        for (int i = 0; i < e.details.size(); i++) {
          Detail d = e.details.get(i);
          requireVnd(d.currency, where + " detail " + (i + 1));
          String id = firstOf(d.reference, d.txId, e.reference == null ? null : e.reference + "-" + (i + 1));
          transactions.add(transaction(id, booked, Vnd.amount(d.amount, where + " detail " + (i + 1)), direction, e, d, where));
        }
      } else {
        Detail d = e.details.isEmpty() ? new Detail() : e.details.get(0);
        String id = firstOf(e.reference, d.reference, d.txId);
        transactions.add(transaction(id, booked, Vnd.amount(e.amount, where), direction, e, d, where));
      }
    }

    private BankTransaction transaction(String id, Instant booked, long amount, Direction direction, Entry e,
        Detail d, String where) {
      if (id == null || id.isBlank()) {
        throw new StatementFormatException(where + ": no bank reference (AcctSvcrRef or TxId) to identify it");
      }
      String memo = firstOf(blankToNull(d.memo.toString()), d.structuredReference, d.additionalInfo, e.additionalInfo);
      return new BankTransaction(account, id, booked, amount, direction, e.reversal, memo, d.payerName, d.payerAccount);
    }

    private static Instant booked(Entry e, String where) {
      try {
        if (e.bookedDateTime != null) {
          return OffsetDateTime.parse(e.bookedDateTime).toInstant();
        }
        if (e.bookedDate != null) {
          return Vnd.startOfDay(LocalDate.parse(e.bookedDate));
        }
      } catch (DateTimeParseException ex) {
        throw new StatementFormatException(where + ": booking date '" + firstOf(e.bookedDateTime, e.bookedDate)
            + "' is not an ISO date");
      }
      throw new StatementFormatException(where + ": no booking date (BookgDt)");
    }

    private static void requireVnd(String currency, String where) {
      if (currency != null && !currency.equals("VND")) {
        throw new StatementFormatException(where + ": currency " + currency + "; only VND accounts are supported");
      }
    }

    private String relativePath() {
      List<String> names = new ArrayList<>(path);
      java.util.Collections.reverse(names);
      return String.join("/", names);
    }
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static final class Entry {
    String amount;
    String currency;
    String creditDebit;
    boolean reversal;
    String status;
    String bookedDate;
    String bookedDateTime;
    String reference;
    String additionalInfo;
    final List<Detail> details = new ArrayList<>();
  }

  private static final class Detail {
    String reference;
    String txId;
    String amount;
    String currency;
    String payerName;
    String payerAccount;
    String structuredReference;
    String additionalInfo;
    final StringBuilder memo = new StringBuilder();
  }
}
