package vn.lienlac.api.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.api.webhooks.BankNotifications;

class StatementImportTest {

  static final String ACCOUNT = BankNotifications.ACCOUNT;
  static final String OTHER_SCHOOL_ACCOUNT = "0451000222333";

  static final String CAMT = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
        <GrpHdr><MsgId>S-1</MsgId><CreDtTm>2026-09-11T00:05:00+07:00</CreDtTm></GrpHdr>
        <Stmt><Id>S-1</Id><Acct><Id><Othr><Id>%s</Id></Othr></Id><Ccy>VND</Ccy></Acct>
          <Ntry><Amt Ccy="VND">1250000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><DtTm>2026-09-10T22:38:54+07:00</DtTm></BookgDt><AcctSvcrRef>FTSEEN000001</AcctSvcrRef>
            <NtryDtls><TxDtls><RmtInf><Ustrd>LLP0PSRN1NR9 tien an</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
          <Ntry><Amt Ccy="VND">640000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><DtTm>2026-09-10T23:10:00+07:00</DtTm></BookgDt><AcctSvcrRef>FTMISSED0001</AcctSvcrRef>
            <NtryDtls><TxDtls><RmtInf><Ustrd>LLP0PSRN1NR9 ban tru</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
          <Ntry><Amt Ccy="VND">50000</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2026-09-10</Dt></BookgDt><AcctSvcrRef>FEE-20260910</AcctSvcrRef></Ntry>
        </Stmt></BkToCstmrStmt></Document>
      """;

  static final String MT940 = """
      :20:STMT20260912
      :25:%s
      :28C:00246/001
      :60F:C260911VND15000000,
      :61:2609120912C1250000,NTRFFTSEEN000002//884114
      :86:LLP0PSRN1NR9 tien an
      :61:2609120912C320000,NTRFFTMISSED0002//884115
      :86:LLP0PSRN1NR9 cau lac bo
      :62F:C260912VND16570000,
      """;

  static final String CSV = """
      bank_txn_id,account_number,booked_at,amount,direction,memo,payer_name,payer_account
      FTSEEN000003,%1$s,2026-09-13T08:00:00+07:00,1250000,C,LLP0PSRN1NR9,NGUYEN VAN A,0011
      FTMISSED0003,%1$s,2026-09-13T09:00:00+07:00,210000,C,"LLP0PSRN1NR9, bao hiem",NGUYEN VAN A,0011
      """;

  ApiTestServer api;
  BankNotifications bank;
  String accountant;

  @BeforeEach
  void start() {
    api = ApiTestServer.start("statement_import");
    TestDistrict.create(api);
    bank = new BankNotifications(api);
    api.sql("INSERT INTO payment.collection_account (school_code, bin, account_number) VALUES"
        + " ('S1', '970436', '" + ACCOUNT + "'), ('S2', '970418', '" + OTHER_SCHOOL_ACCOUNT + "')");
    accountant = api.token(TestDistrict.accountantOfSchool1());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  HttpResponse<String> upload(String query, String body, String token) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1/statements" + query))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/xml"), token, Map.of());
  }

  void webhookFor(String reference, long amount) {
    assertThat(bank.sePayWithKey(BankNotifications.sePayBody(reference.hashCode(), ACCOUNT, reference, amount, "x"),
        ApiTestServer.WEBHOOKS.sePayApiKey()).statusCode()).isEqualTo(200);
  }

  long rows() {
    return Long.parseLong(BankNotifications.value(api, "SELECT count(*) FROM payment.bank_transaction"));
  }

  static JsonArray missedIds(JsonObject report) {
    JsonArray ids = new JsonArray();
    report.getJsonArray("missedNotifications").forEach(o -> ids.add(((JsonObject) o).getString("bankTxnId")));
    return ids;
  }

  @Test
  void a_camt053_statement_counts_a_webhook_credit_once_and_reports_the_credit_no_webhook_brought() {
    webhookFor("FTSEEN000001", 1_250_000);
    HttpResponse<String> r = upload("", CAMT.formatted(ACCOUNT), accountant);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject report = new JsonObject(r.body());
    assertThat(report.getString("format")).isEqualTo("camt_053");
    assertThat(report.getInteger("lines")).isEqualTo(3);
    assertThat(report.getInteger("new")).isEqualTo(2);
    assertThat(report.getInteger("alreadyKnown")).isEqualTo(1);
    assertThat(missedIds(report)).containsExactly("FTMISSED0001");
    assertThat(rows()).isEqualTo(3);
    assertThat(BankNotifications.value(api, "SELECT seen_by::text FROM payment.bank_transaction WHERE bank_txn_id = 'FTSEEN000001'"))
        .isEqualTo("{sepay,statement}");

    JsonObject again = new JsonObject(upload("?format=camt", CAMT.formatted(ACCOUNT), accountant).body());
    assertThat(again.getInteger("new")).isZero();
    assertThat(again.getInteger("alreadyKnown")).isEqualTo(3);
    assertThat(rows()).isEqualTo(3);
    assertThat(BankNotifications.value(api, "SELECT count(*) FROM api.audit_event WHERE action = 'statement.imported'"))
        .isEqualTo("2");
  }

  @Test
  void an_mt940_statement_sent_as_a_multipart_form_is_imported_with_its_missed_credit() {
    webhookFor("FTSEEN000002", 1_250_000);
    String boundary = "----lienlac" + System.nanoTime();
    String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nmt940\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vcb.sta\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + MT940.formatted(ACCOUNT) + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/statements"))
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .header("content-type", "multipart/form-data; boundary=" + boundary),
        api.token(TestDistrict.principalOfSchool1()), Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject report = new JsonObject(r.body());
    assertThat(report.getString("format")).isEqualTo("mt940");
    assertThat(report.getInteger("new")).isEqualTo(1);
    assertThat(report.getInteger("alreadyKnown")).isEqualTo(1);
    assertThat(missedIds(report)).containsExactly("FTMISSED0002");
  }

  @Test
  void a_csv_statement_is_imported_and_a_credit_found_earlier_by_the_pull_is_still_a_missed_notification() {
    webhookFor("FTSEEN000003", 1_250_000);
    api.sql("INSERT INTO payment.bank_transaction (account_number, bank_txn_id, source, direction, amount, booked_at, seen_by)"
        + " VALUES ('" + ACCOUNT + "', 'FTMISSED0003', 'sepay_api', 'C', 210000, now(), '{sepay_api}')");
    JsonObject report = new JsonObject(upload("?format=csv", CSV.formatted(ACCOUNT), accountant).body());
    assertThat(report.getInteger("new")).isZero();
    assertThat(report.getInteger("alreadyKnown")).isEqualTo(2);
    assertThat(report.getJsonArray("missedNotifications")).hasSize(1);
    JsonObject missed = report.getJsonArray("missedNotifications").getJsonObject(0);
    assertThat(missed.getString("bankTxnId")).isEqualTo("FTMISSED0003");
    assertThat(missed.getBoolean("pulled")).isTrue();
    assertThat(missed.getLong("amount")).isEqualTo(210_000);
  }

  @Test
  void only_the_schools_accountant_or_principal_imports_and_only_for_its_own_accounts() {
    assertThat(upload("", CAMT.formatted(ACCOUNT), api.token(TestDistrict.homeroomTeacherOf6A1())).statusCode()).isEqualTo(403);
    assertThat(upload("", CAMT.formatted(ACCOUNT), api.token(TestDistrict.guardian(TestDistrict.G1))).statusCode()).isEqualTo(403);
    assertThat(upload("", CAMT.formatted(ACCOUNT), null).statusCode()).isEqualTo(401);
    HttpResponse<String> foreign = upload("", CAMT.formatted(OTHER_SCHOOL_ACCOUNT), accountant);
    assertThat(foreign.statusCode()).isEqualTo(422);
    HttpResponse<String> unknown = upload("", CAMT.formatted("123123123"), accountant);
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(unknown.body()).getJsonArray("accounts")).containsExactly("123123123");
    assertThat(rows()).isZero();
  }

  @Test
  void a_bad_file_a_wrong_format_hint_or_an_oversized_upload_is_refused_with_nothing_stored() {
    HttpResponse<String> bad = upload("", CAMT.formatted(ACCOUNT).replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>XX</CdtDbtInd>"), accountant);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("CdtDbtInd");
    HttpResponse<String> hint = upload("?format=mt940", CAMT.formatted(ACCOUNT), accountant);
    assertThat(hint.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(hint.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("format");
    String huge = "bank_txn_id,account_number,booked_at,amount,direction\n" + "x".repeat(9 * 1024 * 1024);
    HttpResponse<String> tooLarge = upload("", huge, accountant);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(rows()).isZero();
  }
}
