package vn.lienlac.api.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;

/**
 * The audit trail of staff actions that change data (table {@code api.audit_event}). Write the entry
 * with {@link #record(SqlConnection, AuditEntry)} on the connection of the transaction that makes the
 * change, so the change and its record commit or roll back together:
 * <pre>{@code
 * pool.withTransaction(tx -> changeRole(tx, account, role)
 *     .compose(before -> audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "staff_account.role_changed",
 *         "staff_account", String.valueOf(account)).change(before, after))))
 * }</pre>
 * Principals read their school's entries and district officers their district's ({@code GET /api/v1/audit}).
 */
public interface AuditLog {

  static AuditLog create(Pool pool, Clock clock) {
    return new PgAuditLog(pool, clock);
  }

  /** Writes the entry inside the caller's transaction; the id of the new entry. */
  Future<Long> record(SqlConnection transaction, AuditEntry entry);

  /** Writes the entry in a transaction of its own, for actions with nothing else to commit. */
  Future<Long> record(AuditEntry entry);
}
