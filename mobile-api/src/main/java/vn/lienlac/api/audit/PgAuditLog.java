package vn.lienlac.api.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;

final class PgAuditLog implements AuditLog {

  /** The district is the concerned school's education office, else the actor's (district-level changes). */
  private static final String INSERT = """
      INSERT INTO api.audit_event (at, actor_subject, actor_role, school_code, district_code, action,
                                   resource_type, resource_id, before, after, ip, request_id)
      VALUES ($1, $2, $3, $4,
              COALESCE((SELECT sc.education_office_code FROM directory.school sc WHERE sc.code = $4), $5),
              $6, $7, $8, $9, $10, $11::text::inet, $12)
      RETURNING id""";

  private final Pool pool;
  private final Clock clock;

  PgAuditLog(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<Long> record(SqlConnection transaction, AuditEntry entry) {
    return insert(transaction, entry);
  }

  @Override
  public Future<Long> record(AuditEntry entry) {
    return pool.withTransaction(tx -> insert(tx, entry));
  }

  private Future<Long> insert(SqlClient client, AuditEntry e) {
    AuditActor a = e.actor();
    Tuple params = Tuple.tuple()
        .addOffsetDateTime(clock.instant().atOffset(ZoneOffset.UTC))
        .addString(a.subject())
        .addString(a.role())
        .addString(e.schoolCode())
        .addString(a.districtCode())
        .addString(e.action())
        .addString(e.resourceType())
        .addString(e.resourceId())
        .addValue(e.before())
        .addValue(e.after())
        .addString(a.ip())
        .addString(a.requestId());
    return client.preparedQuery(INSERT).execute(params).map(rows -> rows.iterator().next().getLong("id"));
  }
}
