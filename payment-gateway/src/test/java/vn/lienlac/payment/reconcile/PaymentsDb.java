package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.MessagingSchema;
import vn.lienlac.messaging.directory.DirectorySchema;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.PaymentSchema;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.LedgerCheck;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * A fresh database with the directory, messaging (the notice outbox) and payment schemas, a school with a
 * collection account, and helpers.
 */
final class PaymentsDb implements AutoCloseable {

  static final String SCHOOL = "79001";
  static final String ACCOUNT = "0071001104341";

  final Vertx vertx = Vertx.vertx();
  final PgUrl url;
  final Pool pool;
  final Ledger ledger = Ledger.create();
  final Decisions decisions = new Decisions(ledger, new Receipts());
  final ExceptionQueue queue = new ExceptionQueue();
  final CreditApplier applier = new CreditApplier(ledger, decisions, queue);
  final AccountantDecisions accountant = new AccountantDecisions(ledger, decisions, queue);
  private final AtomicLong txnIds = new AtomicLong();

  PaymentsDb(String name) {
    url = TestServices.freshDatabase(name);
    new SchemaMigrations(url, List.of(new SchemaMigrations.ModuleSchema(DirectorySchema.NAME, DirectorySchema.MIGRATIONS),
        new SchemaMigrations.ModuleSchema(MessagingSchema.NAME, MessagingSchema.MIGRATIONS),
        new SchemaMigrations.ModuleSchema(PaymentSchema.NAME, PaymentSchema.MIGRATIONS))).migrate();
    pool = pool(8);
    sql("INSERT INTO payment.collection_account (account_number, school_code, bin) VALUES ($1, $2, '970436')", ACCOUNT, SCHOOL);
  }

  Pool pool(int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connectOptions()).using(vertx).build();
  }

  PgConnectOptions connectOptions() {
    return PgConnectOptions.fromUri(url.uri());
  }

  ReconWorker worker(Pool on, int batch) {
    return new ReconWorker(on, connectOptions(), applier, new PaymentNotifier(Notices::within, PaymentEvents.none()),
        batch, java.time.Duration.ofSeconds(30));
  }

  /** The "payment received" notices in the notice outbox, oldest first. */
  List<Row> notices() {
    return rows("""
        SELECT phone_e164, params->>'amount' AS amount, params->>'receipt' AS receipt, dedup_key
          FROM messaging.notice WHERE template = 'payment_received' ORDER BY id""");
  }

  /** Runs batches until nothing new is left. */
  void reconcile() {
    ReconWorker w = worker(pool, 20);
    while (await(w.runOnce())) {
      // next batch
    }
  }

  void student(String id, String name, String className, long guardianId, String guardianName, String phone) {
    sql("""
        INSERT INTO directory.student (national_id, full_name, class_code, status, upstream_updated_at)
        VALUES ($1, $2, $3, 'studying', now()) ON CONFLICT DO NOTHING""", id, name, className);
    sql("""
        INSERT INTO directory.guardian (id, full_name, phone_e164, upstream_updated_at) VALUES ($1, $2, $3, now())
        ON CONFLICT DO NOTHING""", guardianId, guardianName, phone);
    sql("""
        INSERT INTO directory.guardian_student (student_id, guardian_id, relationship, primary_contact, upstream_updated_at)
        VALUES ($1, $2, 'mother', true, now())""", id, guardianId);
  }

  /** An issued invoice with reference {@code LLP…} of its id and the issue entry; its id. */
  long invoice(String student, long amount, LocalDate due, Long household) {
    long id = await(pool.preparedQuery("SELECT nextval('payment.invoice_id_seq')").execute()).iterator().next().getLong(0);
    sql("""
        INSERT INTO payment.invoice (id, school_code, student_id, period_label, reference, household_reference, amount_due, due_date)
        VALUES ($1, $2, $3, 'Tháng 9/2026', $4, $5, $6, $7)""", id, SCHOOL, student,
        PaymentReference.of(PaymentReference.Kind.INVOICE, id).text(),
        household == null ? null : PaymentReference.of(PaymentReference.Kind.HOUSEHOLD, household).text(), amount, due);
    await(pool.withTransaction(tx -> ledger.post(tx, new JournalEntry(SCHOOL, "invoice_issued", id, null, null, null, null,
        List.of(JournalLine.debit(Accounts.receivable(id), amount), JournalLine.credit(Accounts.feeIncome(SCHOOL), amount))))));
    return id;
  }

  static String ref(long invoice) {
    return PaymentReference.of(PaymentReference.Kind.INVOICE, invoice).text();
  }

  /** A bank transaction as intake stores it; its id. */
  long credit(long amount, String memo, String payer) {
    return bankTxn("FT24255" + String.format("%09d", txnIds.incrementAndGet()), "C", amount, memo, payer);
  }

  long bankTxn(String bankTxnId, String direction, long amount, String memo, String payer) {
    return await(pool.preparedQuery("""
        INSERT INTO payment.bank_transaction (account_number, bank_txn_id, source, direction, amount, memo, payer_name, booked_at)
        VALUES ($1, $2, 'sandbox', $3, $4, $5, $6, $7) RETURNING id""")
        .execute(Tuple.of(ACCOUNT, bankTxnId, direction, amount, memo, payer, java.time.OffsetDateTime.parse("2026-09-10T03:00:00Z"))))
        .iterator().next().getLong(0);
  }

  String bankTxnId(long id) {
    return one("SELECT bank_txn_id FROM payment.bank_transaction WHERE id = $1", id).getString(0);
  }

  String state(long bankTransaction) {
    return one("SELECT recon_state FROM payment.bank_transaction WHERE id = $1", bankTransaction).getString(0);
  }

  String status(long invoice) {
    return one("SELECT status FROM payment.invoice WHERE id = $1", invoice).getString(0);
  }

  long paid(long invoice) {
    return one("SELECT amount_paid FROM payment.invoice WHERE id = $1", invoice).getLong(0);
  }

  long balance(String account) {
    return await(pool.withConnection(c -> ledger.balance(c, account)));
  }

  List<LedgerCheck.Discrepancy> check() {
    return await(LedgerCheck.run(pool));
  }

  Row one(String sql, Object... params) {
    RowSet<Row> rows = sql(sql, params);
    return rows.iterator().next();
  }

  List<Row> rows(String sql, Object... params) {
    List<Row> out = new ArrayList<>();
    sql(sql, params).forEach(out::add);
    return out;
  }

  RowSet<Row> sql(String sql, Object... params) {
    return await(pool.preparedQuery(sql).execute(Tuple.from(params)));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant at(String text) {
    return Instant.parse(text);
  }

  @Override
  public void close() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    TestServices.dropDatabase(url);
  }
}
