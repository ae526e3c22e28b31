package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.LienlacRuntime;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.runtime.Role;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.SandboxServer;
import vn.lienlac.infra.sandbox.SandboxSettings;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.DistrictSchema;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;
import vn.lienlac.payment.reconcile.CreditApplier;
import vn.lienlac.payment.reconcile.Decisions;
import vn.lienlac.payment.reconcile.ExceptionQueue;
import vn.lienlac.payment.reconcile.PaymentEvents;
import vn.lienlac.payment.reconcile.PaymentNotifier;
import vn.lienlac.payment.reconcile.ReconWorker;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * A process applies a payment and dies right after the commit, before anything is sent: the "payment
 * received" notice committed with the payment (the notice outbox), so the notification workers of the next
 * process deliver it, once.
 */
class PaymentNoticeCrashTest {

  static final String PHONE = "+84987654321";

  Vertx vertx;
  PgUrl ours;
  PgUrl district;
  SandboxServer sandbox;
  LienlacRuntime runtime;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ours = TestServices.freshDatabase("payment_notice_crash");
    district = TestServices.freshDatabase("payment_notice_crash_district");
    TestServices.execute(district, DistrictSchema.ddl());
    ModuleMigrations.of(ours).migrate();
    String reference = PaymentReference.of(PaymentReference.Kind.INVOICE, 501).text();
    TestServices.execute(ours, """
        INSERT INTO directory.school (code, name, level, upstream_updated_at) VALUES ('79001', 'THCS Lê Lợi', 'THCS', now());
        INSERT INTO directory.student (national_id, full_name, class_code, status, upstream_updated_at)
          VALUES ('S1', 'Nguyễn Văn An', '6A1', 'studying', now());
        INSERT INTO directory.guardian (id, full_name, phone_e164, upstream_updated_at) VALUES (1, 'Trần Thị Bình', '%s', now());
        INSERT INTO directory.guardian_student (student_id, guardian_id, relationship, primary_contact, upstream_updated_at)
          VALUES ('S1', 1, 'mother', true, now());
        INSERT INTO payment.collection_account (account_number, school_code, bin) VALUES ('0071001104341', '79001', '970436');
        INSERT INTO payment.invoice (id, school_code, student_id, period_label, reference, amount_due, due_date)
          VALUES (501, '79001', 'S1', 'Tháng 9/2026', '%s', 1250000, '2026-09-15');
        INSERT INTO payment.bank_transaction (account_number, bank_txn_id, source, direction, amount, memo, payer_name, booked_at)
          VALUES ('0071001104341', 'FT24255000000001', 'sepay', 'C', 1250000, 'MBVCB.6998628625.%s', 'TRAN THI BINH',
                  '2026-09-10T03:00:00Z')""".formatted(PHONE, reference, reference.toLowerCase()));
    sandbox = SandboxServer.start(vertx, SandboxAccounts.DEMO, "127.0.0.1", 0).await();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    vertx.close().await();
    TestServices.dropDatabase(ours);
    TestServices.dropDatabase(district);
  }

  @Test
  void the_notice_of_a_payment_applied_just_before_a_crash_is_delivered_by_the_next_process() {
    Vertx crashing = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(ours.uri())).using(crashing).build();
    Ledger ledger = Ledger.create();
    Decisions decisions = new Decisions(ledger, new Receipts());
    ReconWorker worker = new ReconWorker(pool, null, new CreditApplier(ledger, decisions, new ExceptionQueue()),
        new PaymentNotifier(Notices::within, PaymentEvents.none()), 10, Duration.ofHours(1));
    worker.runOnce().await();
    crashing.close().await(); // gone after the commit; no delivery worker ever ran in it

    runtime = startProcess(Map.of());

    WebClient http = WebClient.create(vertx);
    String outbox = sandbox.url() + "/sandbox/outbox?to=%2B84987654321";
    DeliveryFixture.awaitTrue("the payment notice in the outbox", Duration.ofSeconds(30),
        () -> !http.getAbs(outbox).send().await().bodyAsJsonArray().isEmpty());
    JsonArray sent = http.getAbs(outbox).send().await().bodyAsJsonArray();
    assertThat(sent).hasSize(1);
    assertThat(sent.getJsonObject(0).getString("text")).contains("1.250.000").contains("10/09/2026");
  }

  @Test
  void the_workers_role_reminds_guardians_of_an_invoice_still_unpaid_after_its_due_date_once() {
    TestServices.execute(ours, "DELETE FROM payment.bank_transaction");
    runtime = startProcess(Map.of("LIENLAC_INVOICE_REMINDER_INTERVAL", "PT0.5S",
        "LIENLAC_PUBLIC_BASE_URL", "https://lienlac.example/"));

    WebClient http = WebClient.create(vertx);
    String outbox = sandbox.url() + "/sandbox/outbox?to=%2B84987654321";
    DeliveryFixture.awaitTrue("the reminder in the outbox", Duration.ofSeconds(30),
        () -> !http.getAbs(outbox).send().await().bodyAsJsonArray().isEmpty());
    pause(2_000); // several more reminder passes
    JsonArray sent = http.getAbs(outbox).send().await().bodyAsJsonArray();
    assertThat(sent).as("one reminder however many passes ran").hasSize(1);
    assertThat(sent.getJsonObject(0).getString("text")).contains("1.250.000")
        .as("the reminder links to the payment page with the QR")
        .contains("https://lienlac.example/pay/" + PaymentReference.of(PaymentReference.Kind.INVOICE, 501).text());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private LienlacRuntime startProcess(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "LIENLAC_PG_URL", ours.uri(),
        "LIENLAC_REDIS_URL", TestServices.redis(),
        "LIENLAC_DISTRICT_PG_URL", district.uri(),
        "LIENLAC_HTTP_HOST", "127.0.0.1",
        "LIENLAC_HTTP_PORT", "0",
        "LIENLAC_SHUTDOWN_GRACE", "PT2S",
        "LIENLAC_JWT_SIGNING_KEY", vn.lienlac.api.auth.SigningKey.generate().toPem()));
    env.putAll(extra);
    return LienlacRuntime.start(SandboxSettings.pointAt(LienlacConfig.from(env, Map.of(), "none"),
        sandbox.url(), SandboxAccounts.DEMO), Role.ALL);
  }
}
