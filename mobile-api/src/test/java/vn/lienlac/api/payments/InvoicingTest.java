package vn.lienlac.api.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.reminder.InvoiceReminders;
import vn.lienlac.payment.reminder.ReminderSettings;
import vn.lienlac.payment.vietqr.VietQrDecoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

/**
 * Fees to invoices through the API against real PostgreSQL, on the test district (school S1: ST1 in 6A1
 * and ST2 in 6A2, siblings of G1, ST2 also G2's; ST4 departed). One story in order: September is issued,
 * adjusted, reminded and reported; October uses a student's credit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvoicingTest {

  static ApiTestServer api;
  static String accountant;
  static long meals;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("invoicing");
    TestDistrict.create(api);
    accountant = api.token(TestDistrict.accountantOfSchool1());
    assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/collection-account")).PUT(HttpRequest.BodyPublishers.ofString(
        new JsonObject().put("bin", "970436").put("accountNumber", "0011001234567").put("bankName", "Vietcombank")
            .put("accountHolder", "THCS NGUYEN DU").encode())), accountant, Map.of("content-type", "application/json"))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> item = api.post("/api/v1/fee-items", accountant, new JsonObject().put("schoolYear", "2026-2027")
        .put("name", "Tiền ăn bán trú").put("amount", 600_000).put("unit", "per_month").put("mandatory", true)
        .put("legalBasis", "Nghị quyết 12/2025/NQ-HĐND").put("dueDay", 10));
    assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
    meals = new JsonObject(item.body()).getLong("id");
    HttpResponse<String> exemption = api.post("/api/v1/exemptions", accountant, new JsonObject().put("studentId", "ST2")
        .put("feeItemId", meals).put("percent", 50).put("documentRef", "QĐ 45/QĐ-UBND").put("validFrom", "2026-09-01")
        .put("validTo", "2027-05-31"));
    assertThat(exemption.statusCode()).as(exemption.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static JsonObject september() {
    return new JsonObject().put("periodLabel", "Tháng 9/2026").put("periodMonth", "2026-09").put("feeItemIds", new JsonArray().add(meals));
  }

  @Test
  @Order(1)
  void the_preview_is_what_issuing_writes_once_per_active_student_and_a_repeat_issues_nothing_more() {
    JsonObject preview = new JsonObject(api.post("/api/v1/invoice-batches/preview", accountant, september()).body());
    assertThat(preview.getInteger("invoiceCount")).isEqualTo(2);
    assertThat(preview.getLong("totalAmount")).isEqualTo(900_000);
    HttpResponse<String> issued = api.post("/api/v1/invoice-batches", accountant, september().put("batchKey", "s1-2026-09-meals"));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonObject batch = new JsonObject(issued.body());
    assertThat(batch.getLong("totalAmount")).isEqualTo(preview.getLong("totalAmount"));
    HttpResponse<String> again = api.post("/api/v1/invoice-batches", accountant, september().put("batchKey", "s1-2026-09-meals"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getLong("id")).isEqualTo(batch.getLong("id"));
    assertThat(new JsonObject(again.body()).getBoolean("replayed")).isTrue();
    HttpResponse<String> reused = api.post("/api/v1/invoice-batches", accountant,
        september().put("batchKey", "s1-2026-09-meals").put("classCodes", new JsonArray().add("S1-6A1")));
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.body()).contains("batch-key-reused");
    HttpResponse<String> twice = api.post("/api/v1/invoice-batches", accountant, september().put("batchKey", "s1-2026-09-again"));
    assertThat(twice.statusCode()).as("a second key never bills the same month twice").isEqualTo(422);
    assertThat(twice.body()).contains("batch-empty");

    List<Map<String, Object>> rows = rows("SELECT student_id, amount_due, reference, household_reference, id FROM payment.invoice ORDER BY student_id");
    assertThat(rows).extracting(r -> r.get("student_id")).containsExactly("ST1", "ST2");
    assertThat(rows).extracting(r -> ((Number) r.get("amount_due")).longValue()).containsExactly(600_000L, 300_000L);
    for (Map<String, Object> r : rows) {
      assertThat(PaymentReference.parse((String) r.get("reference")))
          .contains(PaymentReference.of(PaymentReference.Kind.INVOICE, ((Number) r.get("id")).longValue()));
    }
    assertThat(rows.get(0).get("household_reference")).isNotNull().isEqualTo(rows.get(1).get("household_reference"));
    assertThat(PaymentReference.parse((String) rows.get(0).get("household_reference")).orElseThrow().kind())
        .isEqualTo(PaymentReference.Kind.HOUSEHOLD);
    assertLedgerMatchesInvoices();
    assertThat(balance("fee_income:S1")).isEqualTo(-900_000);
    assertThat(api.events.all()).extracting(e -> e.subject()).containsExactly("g:1001", "g:1002");
    assertThat(count("SELECT count(*) FROM api.audit_event WHERE action = 'invoice_batch.issued'")).isEqualTo(1);
  }

  @Test
  @Order(2)
  void guardians_see_their_childrens_invoices_only_with_a_qr_that_pays_the_amount_due_to_the_reference() throws Exception {
    JsonArray g1 = new JsonObject(api.get("/api/v1/invoices", api.token(TestDistrict.guardian(TestDistrict.G1))).body()).getJsonArray("items");
    JsonArray g2 = new JsonObject(api.get("/api/v1/invoices", api.token(TestDistrict.guardian(TestDistrict.G2))).body()).getJsonArray("items");
    JsonArray g3 = new JsonObject(api.get("/api/v1/invoices", api.token(TestDistrict.guardian(TestDistrict.G3))).body()).getJsonArray("items");
    assertThat(g1).hasSize(2);
    assertThat(g2).hasSize(1);
    assertThat(g3).isEmpty();
    long st2 = g2.getJsonObject(0).getLong("id");
    String g2token = api.token(TestDistrict.guardian(TestDistrict.G2));
    JsonObject detail = new JsonObject(api.get("/api/v1/invoices/" + st2, g2token).body());
    assertThat(detail.getJsonArray("lines").getJsonObject(0).getLong("discount")).isEqualTo(300_000);
    assertThat(detail.getString("householdReference")).as("G2 is not linked to ST1, whose invoice the household pays too").isNull();
    JsonObject asFather = new JsonObject(api.get("/api/v1/invoices/" + st2, api.token(TestDistrict.guardian(TestDistrict.G1))).body());
    assertThat(asFather.getString("householdReference")).startsWith("LLH");
    assertThat(asFather.getLong("householdOutstanding")).isEqualTo(900_000);
    VietQrPayload qr = VietQrDecoder.decode(detail.getString("vietqr"));
    assertThat(qr.amount()).isEqualTo(300_000);
    assertThat(qr.memo()).isEqualTo(detail.getString("reference"));
    assertThat(qr.bin()).isEqualTo("970436");
    assertThat(api.get("/api/v1/invoices/" + st2, api.token(TestDistrict.guardian(TestDistrict.G3))).statusCode()).isEqualTo(404);

    HttpResponse<byte[]> png = api.sendBytes(HttpRequest.newBuilder(api.uri("/api/v1/invoices/" + st2 + "/qr.png")).GET(), g2token);
    assertThat(png.headers().firstValue("content-type")).contains("image/png");
    assertThat(pngQrText(png.body())).isEqualTo(detail.getString("vietqr"));
    HttpResponse<String> svg = api.get("/api/v1/invoices/" + st2 + "/qr.svg", g2token);
    assertThat(svg.body()).startsWith("<?xml").contains("<svg").contains("<path");
  }

  @Test
  @Order(5)
  void a_paid_invoice_is_not_cancelled_but_credited_and_the_ledger_follows_every_adjustment() {
    long st1 = ((Number) rows("SELECT id FROM payment.invoice WHERE student_id = 'ST1'").get(0).get("id")).longValue();
    long st2 = ((Number) rows("SELECT id FROM payment.invoice WHERE student_id = 'ST2'").get(0).get("id")).longValue();
    HttpResponse<String> note = api.post("/api/v1/invoices/" + st1 + "/credit-notes", accountant,
        new JsonObject().put("amount", 100_000).put("reason", "Nghỉ ốm 5 ngày"));
    assertThat(note.statusCode()).as(note.body()).isEqualTo(201);
    assertThat(new JsonObject(note.body()).getLong("amountDue")).isEqualTo(500_000);
    assertLedgerMatchesInvoices();
    HttpResponse<String> cancelled = api.post("/api/v1/invoices/" + st1 + "/cancel", accountant, new JsonObject().put("reason", "Nhập sai"));
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(new JsonObject(cancelled.body()).getString("status")).isEqualTo("cancelled");
    assertThat(balance("receivable:" + st1)).isZero();
    assertThat(api.post("/api/v1/invoices/" + st1 + "/cancel", accountant, new JsonObject().put("reason", "x")).statusCode()).isEqualTo(409);

    // A payment as reconciliation books it: the invoice's paid amount and its ledger entry.
    api.sql("UPDATE payment.invoice SET amount_paid = 100000, status = 'partially_paid' WHERE id = " + st2,
        "INSERT INTO payment.journal_entry (id, school_code, kind) OVERRIDING SYSTEM VALUE VALUES (900001, 'S1', 'payment_applied')",
        "INSERT INTO payment.journal_line VALUES (900001, 1, 'bank:S1', 100000), (900001, 2, 'receivable:" + st2 + "', -100000)");
    HttpResponse<String> refused = api.post("/api/v1/invoices/" + st2 + "/cancel", accountant, new JsonObject().put("reason", "x"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("invoice-has-payments");
    HttpResponse<String> tooLarge = api.post("/api/v1/invoices/" + st2 + "/credit-notes", accountant,
        new JsonObject().put("amount", 200_001).put("reason", "x"));
    assertThat(tooLarge.statusCode()).isEqualTo(422);
    HttpResponse<String> rest = api.post("/api/v1/invoices/" + st2 + "/credit-notes", accountant,
        new JsonObject().put("amount", 200_000).put("reason", "Miễn phần còn lại"));
    assertThat(new JsonObject(rest.body()).getString("status")).isEqualTo("paid");
    assertLedgerMatchesInvoices();
    HttpResponse<String> reissued = api.post("/api/v1/invoice-batches", accountant, september().put("batchKey", "s1-2026-09-reissue"));
    assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(201);
    assertThat(new JsonObject(reissued.body()).getInteger("invoiceCount")).as("only the cancelled invoice is billed again").isEqualTo(1);
    assertLedgerMatchesInvoices();
    assertThat(balance("fee_income:S1")).as("ST2 after credit notes, and ST1 billed anew").isEqualTo(-700_000);
    assertThat(api.events.all()).extracting(e -> e.data().getString("change")).contains("cancelled", "credit_note");
    assertThat(count("SELECT count(*) FROM api.audit_event WHERE action IN ('invoice.cancelled', 'invoice.credit_note')")).isEqualTo(3);
  }

  @Test
  @Order(3)
  void reminders_go_once_to_each_guardian_with_a_usable_phone() {
    Clock threeDaysBefore = Clock.fixed(Instant.parse("2026-09-07T02:00:00Z"), ZoneOffset.UTC);
    InvoiceReminders reminders = new InvoiceReminders(api.pool, tx -> api.notices, new ReminderSettings(3, 3, java.time.Duration.ofHours(1), 2), threeDaysBefore,
        "https://lienlac.example/");
    int before = api.notices.all().size();
    assertThat(ApiTestServer.await(reminders.runOnce())).isEqualTo(3);
    assertThat(ApiTestServer.await(reminders.runOnce())).isZero();
    var sent = api.notices.all().subList(before, api.notices.all().size());
    assertThat(sent).extracting(n -> n.phoneE164())
        .containsExactlyInAnyOrder(TestDistrict.G1_PHONE, TestDistrict.G1_PHONE, TestDistrict.G2_PHONE);
    assertThat(sent).allMatch(n -> n.template().equals("invoice_reminder"));
    assertThat(sent).anySatisfy(n -> assertThat(n.params()).containsEntry("amount", "300.000").containsEntry("due", "10/09/2026"));
    assertThat(sent).extracting(n -> n.dedupKey()).doesNotHaveDuplicates();
    assertThat(sent).allSatisfy(n -> assertThat(n.params())
        .containsEntry("payLink", "https://lienlac.example/pay/" + n.params().get("reference")));
    var templates = vn.lienlac.messaging.notice.NoticeTemplates.BUNDLED;
    assertThat(templates.render("invoice_reminder", "vi", sent.get(0).params()))
        .endsWith("quét mã QR: https://lienlac.example/pay/" + sent.get(0).params().get("reference"));
    assertThat(templates.render("invoice_reminder", "en", sent.get(0).params()))
        .contains("https://lienlac.example/pay/" + sent.get(0).params().get("reference"));
    Clock tooEarly = Clock.fixed(Instant.parse("2026-09-05T02:00:00Z"), ZoneOffset.UTC);
    assertThat(ApiTestServer.await(new InvoiceReminders(api.pool, tx -> api.notices,
        new ReminderSettings(3, 3, java.time.Duration.ofHours(1), 2), tooEarly, "https://lienlac.example").runOnce())).isZero();
    assertThat(sent.get(0).dedupKey()).startsWith("invoice_reminder:");
  }

  @Test
  @Order(3)
  void the_public_payment_page_of_a_reminder_shows_the_qr_that_pays_what_is_owed_and_names_nobody() throws Exception {
    Map<String, Object> st2 = rows("SELECT reference, household_reference FROM payment.invoice WHERE student_id = 'ST2'").get(0);
    String reference = (String) st2.get("reference");
    HttpResponse<String> page = api.get("/pay/" + reference, null);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("cache-control")).contains("no-store");
    assertThat(page.headers().firstValue("content-language")).contains("vi");
    VietQrPayload qr = VietQrDecoder.decode(svgQrText(page.body()));
    assertThat(qr.bin()).isEqualTo("970436");
    assertThat(qr.account()).isEqualTo("0011001234567");
    assertThat(qr.amount()).isEqualTo(300_000);
    assertThat(qr.memo()).isEqualTo(reference);
    assertThat(page.body()).contains("THCS Nguyễn Du", "Tháng 9/2026", "10/09/2026", "300.000 đ", "Vietcombank",
        "0011001234567", "Nội dung chuyển khoản").doesNotContain(TestDistrict.G1_PHONE);
    for (String name : names("SELECT full_name FROM directory.student UNION ALL SELECT full_name FROM directory.guardian")) {
      assertThat(page.body()).as("a public page names nobody").doesNotContain(name);
    }
    assertThat(api.get("/pay/" + reference.toLowerCase(java.util.Locale.ROOT), null).body())
        .as("banks and people lowercase references").contains("300.000 đ");

    HttpResponse<String> english = api.get("/pay/" + reference + "?lang=en", null);
    assertThat(english.body()).contains("Amount to pay", "Transfer memo").doesNotContain("Số tiền cần nộp");
    assertThat(english.headers().firstValue("content-language")).contains("en");
    assertThat(api.send(HttpRequest.newBuilder(api.uri("/pay/" + reference)).GET(), null, Map.of("Accept-Language", "en"))
        .body()).contains("Amount to pay");

    HttpResponse<byte[]> png = api.sendBytes(HttpRequest.newBuilder(api.uri("/pay/" + reference + ".png")).GET(), null);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("content-type")).contains("image/png");
    assertThat(png.headers().firstValue("cache-control")).contains("no-store");
    assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
    assertThat(VietQrDecoder.decode(pngQrText(png.body())).memo()).isEqualTo(reference);

    String household = (String) st2.get("household_reference");
    HttpResponse<String> both = api.get("/pay/" + household, null);
    assertThat(both.statusCode()).isEqualTo(200);
    VietQrPayload all = VietQrDecoder.decode(svgQrText(both.body()));
    assertThat(all.amount()).as("one transfer for both children").isEqualTo(900_000);
    assertThat(all.memo()).isEqualTo(household);
    assertThat(both.body()).contains("900.000 đ", "600.000 đ", "300.000 đ", reference);

    char last = reference.charAt(reference.length() - 1);
    String badCheck = reference.substring(0, reference.length() - 1) + (last == '0' ? '1' : '0');
    for (String wrong : List.of(badCheck, PaymentReference.of(PaymentReference.Kind.INVOICE, 999_999).text(), "nonsense")) {
      HttpResponse<String> missing = api.get("/pay/" + wrong, null);
      assertThat(missing.statusCode()).as(wrong).isEqualTo(404);
      assertThat(missing.body()).contains("Không tìm thấy hoá đơn");
      assertThat(api.get("/pay/" + wrong + ".png", null).statusCode()).isEqualTo(404);
    }
    assertThat(api.get("/pay/" + badCheck + "?lang=en", null).body()).contains("Invoice not found");
  }

  @Test
  @Order(4)
  void reports_count_collection_per_class_and_export_readable_csv_and_xlsx() throws Exception {
    JsonObject byClass = new JsonObject(api.get("/api/v1/reports/collection?groupBy=class", accountant).body());
    assertThat(byClass.getJsonArray("rows")).hasSize(2);
    JsonObject row = byClass.getJsonArray("rows").getJsonObject(1);
    assertThat(row.getString("class_code")).isEqualTo("S1-6A2");
    assertThat(row.getLong("invoiced")).isEqualTo(300_000);
    assertThat(row.getLong("outstanding")).isEqualTo(300_000);
    assertThat(row.getDouble("collection_rate")).isEqualTo(0.0);
    HttpResponse<String> officer = api.get("/api/v1/reports/collection", api.token(TestDistrict.districtOfficer()));
    assertThat(new JsonObject(officer.body()).getJsonArray("rows").getJsonObject(0).getString("school_code")).isEqualTo("S1");
    HttpResponse<String> csv = api.get("/api/v1/reports/outstanding?format=csv", accountant);
    List<List<String>> table = Csv.parse(csv.body().replace("\uFEFF", ""));
    assertThat(table.get(0)).startsWith("student_id", "student_name");
    assertThat(table.get(1)).contains("ST1", "600000");
    assertThat(table.get(2)).contains("ST2", "300000");
    HttpResponse<byte[]> xlsx = api.sendBytes(HttpRequest.newBuilder(api.uri("/api/v1/reports/collection?format=xlsx")).GET(), accountant);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      var rows = wb.getFirstSheet().read();
      assertThat(rows.get(0).getCellText(1)).isEqualTo("class_code");
      assertThat(rows.get(2).getCellAsNumber(4).orElseThrow().longValue()).isEqualTo(300_000);
    }
  }

  @Test
  @Order(6)
  void a_students_credit_pays_the_next_invoice_first() {
    api.sql("INSERT INTO payment.journal_entry (id, school_code, kind) OVERRIDING SYSTEM VALUE VALUES (900002, 'S1', 'overpaid')",
        "INSERT INTO payment.journal_line VALUES (900002, 1, 'unapplied:S1', 200000), (900002, 2, 'student_credit:ST1', -200000)");
    HttpResponse<String> issued = api.post("/api/v1/invoice-batches", accountant, new JsonObject().put("periodLabel", "Tháng 10/2026")
        .put("periodMonth", "2026-10").put("feeItemIds", new JsonArray().add(meals)).put("classCodes", new JsonArray().add("S1-6A1")),
        Map.of("Idempotency-Key", "s1-2026-10-6a1"));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    assertThat(new JsonObject(issued.body()).getLong("creditUsed")).isEqualTo(200_000);
    Map<String, Object> inv = rows("SELECT id, amount_paid, status, household_reference FROM payment.invoice WHERE period_label = 'Tháng 10/2026'").get(0);
    assertThat(((Number) inv.get("amount_paid")).longValue()).isEqualTo(200_000);
    assertThat(inv.get("status")).isEqualTo("partially_paid");
    assertThat(inv.get("household_reference")).as("a single child in the batch needs no household").isNull();
    assertThat(balance("student_credit:ST1")).isZero();
    assertThat(count("SELECT count(*) FROM payment.application WHERE kind = 'credit_used' AND amount = 200000")).isEqualTo(1);
    assertLedgerMatchesInvoices();
  }

  /** Every invoice's receivable balance equals what is still owed on it (zero once cancelled). */
  @Test
  @Order(7)
  void a_paid_invoices_page_says_so_without_a_qr_and_a_cancelled_ones_is_not_found() {
    String paid = (String) rows("SELECT reference FROM payment.invoice WHERE student_id = 'ST2' AND status = 'paid'").get(0).get("reference");
    HttpResponse<String> page = api.get("/pay/" + paid, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Đã nộp đủ").doesNotContain("<svg");
    assertThat(api.get("/pay/" + paid + "?lang=en", null).body()).contains("Paid in full");
    assertThat(api.get("/pay/" + paid + ".png", null).statusCode()).isEqualTo(409);
    String cancelled = (String) rows("SELECT reference FROM payment.invoice WHERE status = 'cancelled'").get(0).get("reference");
    assertThat(api.get("/pay/" + cancelled, null).statusCode()).isEqualTo(404);
  }

  /** The text of the QR drawn inline as SVG in a page: its one path, module by module, read by ZXing's decoder. */
  static String svgQrText(String html) throws Exception {
    java.util.regex.Matcher box = java.util.regex.Pattern.compile("<svg[^>]*viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(html);
    assertThat(box.find()).as("an inline SVG").isTrue();
    int size = Integer.parseInt(box.group(1));
    java.util.regex.Matcher path = java.util.regex.Pattern.compile("<path[^>]* d=\"([^\"]+)\"").matcher(html);
    assertThat(path.find(box.end())).isTrue();
    com.google.zxing.common.BitMatrix drawn = new com.google.zxing.common.BitMatrix(size);
    java.util.regex.Matcher run = java.util.regex.Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(path.group(1));
    int quiet = size;
    while (run.find()) {
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      drawn.setRegion(x, y, Integer.parseInt(run.group(3)), 1);
      quiet = Math.min(quiet, Math.min(x, y));
    }
    // The finder pattern's corner is the first dark module: what lies before it is the quiet zone.
    int modules = size - 2 * quiet;
    com.google.zxing.common.BitMatrix symbol = new com.google.zxing.common.BitMatrix(modules);
    for (int y = 0; y < modules; y++) {
      for (int x = 0; x < modules; x++) {
        if (drawn.get(x + quiet, y + quiet)) {
          symbol.set(x, y);
        }
      }
    }
    return new com.google.zxing.qrcode.decoder.Decoder().decode(symbol).getText();
  }

  static String pngQrText(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
  }

  static List<String> names(String sql) {
    return rows(sql).stream().map(r -> (String) r.get("full_name")).toList();
  }

  static void assertLedgerMatchesInvoices() {
    assertThat(rows("""
        SELECT i.id FROM payment.invoice i
         WHERE (CASE WHEN i.status = 'cancelled' THEN 0 ELSE i.amount_due - i.amount_paid END)
               <> (SELECT coalesce(sum(amount), 0) FROM payment.journal_line WHERE account = 'receivable:' || i.id)""")).isEmpty();
  }

  static long balance(String account) {
    return count("SELECT coalesce(sum(amount), 0) FROM payment.journal_line WHERE account = '" + account + "'");
  }

  static long count(String sql) {
    return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
  }

  static List<Map<String, Object>> rows(String sql) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         var rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        out.add(row);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
