package vn.lienlac.payment.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.payment.PaymentSchema;

class LedgerTest {

  private final Vertx vertx = Vertx.vertx();
  private PgUrl url;
  private Pool pool;
  private final Ledger ledger = Ledger.create();

  @BeforeEach
  void start() {
    url = TestServices.freshDatabase("ledger");
    new SchemaMigrations(url, List.of(new SchemaMigrations.ModuleSchema(PaymentSchema.NAME, PaymentSchema.MIGRATIONS))).migrate();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(url.uri()))
        .using(vertx).build();
  }

  @AfterEach
  void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    TestServices.dropDatabase(url);
  }

  @Test
  void a_balanced_entry_is_posted_and_moves_the_balances() throws Exception {
    JournalEntry issued = new JournalEntry("S1", "invoice_issued", 7L, null, null, null, "Tháng 9/2026",
        List.of(JournalLine.debit(Accounts.receivable(7), 1_250_000), JournalLine.credit(Accounts.feeIncome("S1"), 1_250_000)));
    long id = pool.withTransaction(tx -> ledger.post(tx, issued)).await(10, TimeUnit.SECONDS);
    assertThat(id).isPositive();
    assertThat(pool.withConnection(c -> ledger.balance(c, Accounts.receivable(7))).await(10, TimeUnit.SECONDS)).isEqualTo(1_250_000);
    assertThat(pool.withConnection(c -> ledger.balance(c, Accounts.feeIncome("S1"))).await(10, TimeUnit.SECONDS)).isEqualTo(-1_250_000);

    pool.withTransaction(tx -> ledger.post(tx, issued.reversal(id, "cancelled"))).await(10, TimeUnit.SECONDS);
    assertThat(pool.withConnection(c -> ledger.balance(c, Accounts.receivable(7))).await(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void an_unbalanced_entry_cannot_be_built() {
    assertThatThrownBy(() -> new JournalEntry("S1", "broken", null, null, null, null, null,
        List.of(JournalLine.debit("bank:S1", 100), JournalLine.credit("unapplied:S1", 99))))
        .hasMessageContaining("does not balance").hasMessageContaining("1");
    assertThatThrownBy(() -> JournalLine.debit("bank:S1", 0)).hasMessageContaining("positive");
  }

  @Test
  void the_database_refuses_an_unbalanced_entry_written_behind_the_ledger_s_back() {
    assertThatThrownBy(() -> TestServices.execute(url, """
        BEGIN;
        INSERT INTO payment.journal_entry (id, school_code, kind) VALUES (99, 'S1', 'sneaky');
        INSERT INTO payment.journal_line VALUES (99, 1, 'bank:S1', 100), (99, 2, 'unapplied:S1', -90);
        COMMIT;"""))
        .hasMessageContaining("does not balance");
    assertThat(TestServices.contents(url, List.of("payment.journal_entry"))).isEmpty();
  }
}
