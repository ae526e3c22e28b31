package vn.lienlac.payment.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.statement.BankTransaction.Direction;

class StatementsTest {

  @Test
  void a_camt053_statement_gives_its_booked_entries_and_skips_pending_ones() throws IOException {
    Statement s = Statements.parse(resource("camt053-v02.xml"));

    assertThat(s.format()).isEqualTo(Statement.StatementFormat.CAMT_053);
    assertThat(s.transactions()).containsExactly(
        new BankTransaction("0071001104341", "FT24255276428461", Instant.parse("2026-09-10T15:38:54Z"), 1_250_000,
            Direction.CREDIT, false, "884114.100924.223854.DANG DAO THANH NHAN chuyen tien an thang 9",
            "DANG DAO THANH NHAN", "0011004455667"),
        new BankTransaction("0071001104341", "FEE-20260910", Instant.parse("2026-09-09T17:00:00Z"), 50_000,
            Direction.DEBIT, false, "Phi quan ly tai khoan", null, null));
    assertThat(s.skipped()).singleElement().asString().contains("PENDING-1").contains("PDNG");
  }

  @Test
  void a_newer_camt053_with_a_batch_entry_gives_one_transaction_per_detail_and_reads_reversals() throws IOException {
    Statement s = Statements.parse(resource("camt053-v08-batch.xml"));

    assertThat(s.transactions()).extracting(BankTransaction::bankTxnId, BankTransaction::amount, BankTransaction::memo,
            BankTransaction::payerName, BankTransaction::reversal)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BATCH-77-1", 1_400_000L, "LLP ABC123 tien an", "Nguyễn Văn Cường", false),
            org.assertj.core.groups.Tuple.tuple("BATCH-77-2", 1_000_000L, "HOCPHI2026", null, false),
            org.assertj.core.groups.Tuple.tuple("REV-FT24255276428461", 1_250_000L, "Hoan tra FT24255276428461", null, true));
    assertThat(s.transactions()).allMatch(t -> t.accountNumber().equals("1903456789012"));
  }

  @Test
  void a_camt054_notification_is_read_the_same_way() {
    String xml = """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04"><BkToCstmrDbtCdtNtfctn>
        <Ntfctn><Acct><Id><Othr><Id>0071001104341</Id></Othr></Id></Acct>
        <Ntry><Amt Ccy="VND">700000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-09-15</Dt></BookgDt><AcctSvcrRef>FT1</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>tien an</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>""";

    Statement s = Statements.parse(xml.getBytes(StandardCharsets.UTF_8));

    assertThat(s.format()).isEqualTo(Statement.StatementFormat.CAMT_054);
    assertThat(s.transactions()).singleElement().extracting(BankTransaction::bankTxnId, BankTransaction::amount)
        .containsExactly("FT1", 700_000L);
  }

  @Test
  void an_mt940_statement_gives_its_lines_with_the_memo_of_each() throws IOException {
    Statement s = Statements.parse(resource("statement.mt940"));

    assertThat(s.format()).isEqualTo(Statement.StatementFormat.MT940);
    assertThat(s.transactions()).extracting(BankTransaction::bankTxnId, BankTransaction::amount,
            BankTransaction::direction, BankTransaction::reversal, BankTransaction::memo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("FT24255276428461", 1_250_000L, Direction.CREDIT, false,
                "884114.100924.223854.DANG DAO THANH NHAN chuyen tien an thang 9"),
            org.assertj.core.groups.Tuple.tuple("FEE-20260910", 50_000L, Direction.DEBIT, false, "Phi quan ly tai khoan"),
            org.assertj.core.groups.Tuple.tuple("RV24255276428461", 1_250_000L, Direction.DEBIT, true,
                "Hoan tra FT24255276428461"));
    assertThat(s.transactions().get(0).bookedAt()).isEqualTo(Instant.parse("2026-09-09T17:00:00Z"));
    assertThat(s.transactions()).allMatch(t -> t.accountNumber().equals("0071001104341"));
  }

  @Test
  void the_csv_form_is_read_with_quoted_memos() throws IOException {
    Statement s = Statements.parse(resource("transactions.csv"));

    assertThat(s.format()).isEqualTo(Statement.StatementFormat.CSV);
    assertThat(s.transactions()).hasSize(2);
    assertThat(s.transactions().get(0).memo()).isEqualTo("MBVCB.6998628625.Cuu tro, tien an thang 9");
    assertThat(s.transactions().get(0).bookedAt()).isEqualTo(Instant.parse("2026-09-10T15:38:54Z"));
    assertThat(s.transactions().get(1).payerName()).isNull();
  }

  @Test
  void bad_files_are_refused_naming_where_and_what() {
    assertThatThrownBy(() -> parse("bank_txn_id,account_number,booked_at,amount,direction\nX,1,2026-09-10T10:00:00,12.5,C\n"))
        .isInstanceOf(StatementFormatException.class).hasMessageContaining("line 2").hasMessageContaining("fraction");
    assertThatThrownBy(() -> parse("bank_txn_id,account_number,booked_at,amount\n"))
        .hasMessageContaining("direction");
    assertThatThrownBy(() -> parse("bank_txn_id,account_number,booked_at,amount,direction\nX,1,hôm qua,1000,C\n"))
        .hasMessageContaining("line 2").hasMessageContaining("booked_at");
    assertThatThrownBy(() -> parse(":20:X\n:25:123\n:61:2609101C1000,NTRFA\n"))
        .hasMessageContaining("line 3").hasMessageContaining(":61:");
    assertThatThrownBy(() -> parse("<Document><Other/></Document>")).hasMessageContaining("camt");
    assertThatThrownBy(() -> parse("<Document><BkToCstmrStmt><Stmt><Acct><Id><Othr><Id>1</Id></Othr></Id></Acct>"
        + "<Ntry><Amt Ccy=\"USD\">10</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-09-10</Dt></BookgDt>"
        + "<AcctSvcrRef>U1</AcctSvcrRef></Ntry></Stmt></BkToCstmrStmt></Document>"))
        .hasMessageContaining("USD");
    assertThatThrownBy(() -> parse("hello")).hasMessageContaining("unknown statement format");
  }

  private static Statement parse(String text) {
    return Statements.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = StatementsTest.class.getResourceAsStream("/statements/" + name)) {
      return in.readAllBytes();
    }
  }
}
