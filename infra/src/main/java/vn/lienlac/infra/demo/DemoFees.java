package vn.lienlac.infra.demo;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.Connections;

/**
 * What the demo's accountant needs to preview and issue invoices at once: a sandbox collection account
 * (MB, BIN 970422) and the usual fee items of the school year for every school that has none yet. Safe
 * to repeat; an accountant's own changes are kept.
 */
final class DemoFees {

  static final String ACCOUNTS = """
      INSERT INTO payment.collection_account (school_code, bin, account_number, bank_name, account_holder, updated_by)
      SELECT sc.code, '970422', '1903' || lpad((abs(hashtext(sc.code)) % 100000000)::text, 8, '0'), 'MB (sandbox)',
             upper(sc.name), 'demo'
        FROM directory.school sc WHERE sc.removed_at IS NULL
      ON CONFLICT (school_code) DO NOTHING""";
  static final String FEE_ITEMS = """
      INSERT INTO payment.fee_item (school_code, school_year, name, amount, unit, mandatory, legal_basis, due_day)
      SELECT sc.code, '2026-2027', f.name, f.amount, f.unit, f.mandatory, f.basis, 10
        FROM directory.school sc
        CROSS JOIN (VALUES ('Tiền ăn bán trú', 650000, 'per_month', true, 'Nghị quyết HĐND tỉnh về mức thu dịch vụ (demo)'),
                           ('Chăm sóc bán trú', 150000, 'per_month', true, 'Nghị quyết HĐND tỉnh về mức thu dịch vụ (demo)'),
                           ('Câu lạc bộ năng khiếu', 200000, 'per_month', false, 'Thoả thuận với phụ huynh (demo)'))
             AS f(name, amount, unit, mandatory, basis)
       WHERE sc.removed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM payment.fee_item x WHERE x.school_code = sc.code)""";

  private DemoFees() {}

  /** Blocking: runs on the demo's main thread with a Vert.x of its own. */
  static void ensure(LienlacConfig config) {
    Vertx vertx = Connections.commandVertx();
    try {
      Pool pool = Connections.ours(vertx, config);
      pool.query(ACCOUNTS).execute().await();
      pool.query(FEE_ITEMS).execute().await();
    } finally {
      vertx.close().await();
    }
  }
}
