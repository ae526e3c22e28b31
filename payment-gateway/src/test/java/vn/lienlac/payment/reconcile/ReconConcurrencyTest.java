package vn.lienlac.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.payment.reconcile.PaymentsDb.await;
import static vn.lienlac.payment.reconcile.PaymentsDb.ref;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several workers (as several processes would, each with its own pool) on the same new transactions. */
class ReconConcurrencyTest {

  private static final LocalDate SEPT = LocalDate.parse("2026-09-15");
  private PaymentsDb db;
  private final List<Pool> pools = new ArrayList<>();

  @BeforeEach
  void start() {
    db = new PaymentsDb("recon_concurrency");
    db.student("S1", "Nguyễn Văn An", "6A1", 1, "Trần Thị Bình", "+84901234561");
  }

  @AfterEach
  void stop() throws Exception {
    for (Pool p : pools) {
      p.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    db.close();
  }

  @Test
  void fifty_concurrent_applications_across_two_pools_get_receipt_numbers_one_to_fifty_without_gaps() {
    List<Long> credits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long invoice = db.invoice("S1", 100_000 + i, SEPT, null);
      credits.add(db.credit(100_000 + i, ref(invoice), "TRAN THI BINH"));
    }
    // The first five attempts of every tenth application fail after taking a number (a sequence counts
    // them, as it survives the rollback); each is retried later, and its number must not be lost.
    db.sql("CREATE SEQUENCE payment.flaked");
    db.sql("""
        CREATE FUNCTION payment.flaky() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.amount % 10 = 3 AND nextval('payment.flaked') <= 5 THEN RAISE EXCEPTION 'flaky'; END IF;
        RETURN NEW; END $$""");
    db.sql("CREATE TRIGGER flaky AFTER INSERT ON payment.receipt FOR EACH ROW EXECUTE FUNCTION payment.flaky()");
    Pool a = db.pool(4);
    Pool b = db.pool(4);
    pools.add(a);
    pools.add(b);
    for (int round = 0; round < 10 && credits.stream().anyMatch(c -> !"applied".equals(db.state(c))); round++) {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        runs.add(db.worker(w % 2 == 0 ? a : b, 1).runOnce());
        runs.add(db.worker(w % 2 == 0 ? a : b, 1).runOnce());
      }
      await(Future.join(runs));
    }

    assertThat(credits).allSatisfy(c -> assertThat(db.state(c)).isEqualTo("applied"));
    assertThat(db.rows("SELECT number FROM payment.receipt ORDER BY number")).extracting(r -> r.getInteger(0))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    assertThat(db.check()).isEmpty();
  }

  @Test
  void two_workers_never_apply_one_transaction_twice() {
    long invoice = db.invoice("S1", 100_000_000, SEPT, null);
    List<Long> credits = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      credits.add(db.credit(1_000 + i, "hoc phi " + ref(invoice), "TRAN THI BINH"));
    }
    Pool a = db.pool(4);
    Pool b = db.pool(4);
    pools.add(a);
    pools.add(b);
    for (int round = 0; round < 20 && credits.stream().anyMatch(c -> !"applied".equals(db.state(c))); round++) {
      await(Future.join(db.worker(a, 7).runOnce(), db.worker(b, 7).runOnce(), db.worker(a, 5).runOnce(),
          db.worker(b, 5).runOnce()));
    }

    assertThat(credits).allSatisfy(c -> assertThat(db.state(c)).isEqualTo("applied"));
    assertThat(db.one("SELECT count(*), count(DISTINCT bank_transaction_id) FROM payment.application").getLong(0))
        .isEqualTo(60);
    assertThat(db.one("SELECT count(DISTINCT bank_transaction_id) FROM payment.application").getLong(0)).isEqualTo(60);
    long expected = IntStream.range(0, 60).mapToLong(i -> 1_000 + i).sum();
    assertThat(db.paid(invoice)).isEqualTo(expected);
    assertThat(db.check()).isEmpty();
  }
}
