package vn.lienlac.api.platform.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * The {@code api.idempotency_key} table. A request claims its key with a plain insert: the primary key
 * (scope, key) lets exactly one of any number of concurrent identical requests win; the others hit
 * SQLSTATE 23505 and read what is there instead.
 */
final class IdempotencyKeys {

  /** How long a first result is replayed; older rows are purged and the key may be used afresh. */
  static final Duration RETENTION = Duration.ofHours(24);

  static final String UNIQUE_VIOLATION = "23505";

  static final String CLAIM = """
      INSERT INTO api.idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3)""";
  static final String READ = """
      SELECT request_hash, status, response_headers, response_body,
             created_at < now() - make_interval(secs => $3) AS expired
        FROM api.idempotency_key WHERE scope = $1 AND key = $2""";
  static final String FORGET_EXPIRED = """
      DELETE FROM api.idempotency_key
       WHERE scope = $1 AND key = $2 AND created_at < now() - make_interval(secs => $3)""";
  static final String COMPLETE = """
      UPDATE api.idempotency_key
         SET status = $3, response_headers = $4, response_body = $5, completed_at = now()
       WHERE scope = $1 AND key = $2 AND completed_at IS NULL""";
  static final String RELEASE = """
      DELETE FROM api.idempotency_key WHERE scope = $1 AND key = $2 AND completed_at IS NULL""";
  /** One batch; ctid keeps it a cheap index range scan plus direct row deletes. */
  static final String PURGE_BATCH = """
      DELETE FROM api.idempotency_key WHERE ctid = ANY (ARRAY(
        SELECT ctid FROM api.idempotency_key WHERE created_at < now() - make_interval(secs => $1) LIMIT $2))""";

  /** What a claim found. */
  sealed interface Claim {}

  /** The key is ours: run the handler, then {@link #complete} or {@link #release}. */
  record Claimed() implements Claim {}

  record AlreadyCompleted(StoredResponse response) implements Claim {}

  record StillRunning() implements Claim {}

  /** The key was first used for a different request. */
  record UsedForAnotherRequest() implements Claim {}

  private final Pool pool;

  IdempotencyKeys(Pool pool) {
    this.pool = pool;
  }

  /** make_interval takes its seconds as double precision. */
  private static double retentionSeconds() {
    return RETENTION.toSeconds();
  }

  Future<Claim> claim(String scope, String key, byte[] requestHash) {
    return claim(scope, key, requestHash, 2);
  }

  private Future<Claim> claim(String scope, String key, byte[] requestHash, int attemptsLeft) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(scope, key, Buffer.buffer(requestHash)))
        .<Claim>map(inserted -> new Claimed())
        .recover(failure -> {
          if (!(failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))) {
            return Future.failedFuture(failure);
          }
          return pool.preparedQuery(READ).execute(Tuple.of(scope, key, retentionSeconds()))
              .compose(rows -> {
                if (rows.size() == 0 || rows.iterator().next().getBoolean("expired")) {
                  // Purged meanwhile, or older than the retention and not yet purged: the key is free again.
                  if (attemptsLeft <= 1) {
                    return Future.succeededFuture(new StillRunning());
                  }
                  return pool.preparedQuery(FORGET_EXPIRED).execute(Tuple.of(scope, key, retentionSeconds()))
                      .compose(v -> claim(scope, key, requestHash, attemptsLeft - 1));
                }
                return Future.succeededFuture(existing(rows.iterator().next(), requestHash));
              });
        });
  }

  private static Claim existing(Row row, byte[] requestHash) {
    if (!java.util.Arrays.equals(row.getBuffer("request_hash").getBytes(), requestHash)) {
      return new UsedForAnotherRequest();
    }
    if (row.getValue("status") == null) {
      return new StillRunning();
    }
    Buffer body = row.getBuffer("response_body");
    Object headers = row.getValue("response_headers");
    return new AlreadyCompleted(new StoredResponse(row.getInteger("status"),
        headers instanceof JsonArray array ? array : new JsonArray(), body == null ? Buffer.buffer() : body));
  }

  Future<Void> complete(String scope, String key, StoredResponse response) {
    return pool.preparedQuery(COMPLETE)
        .execute(Tuple.of(scope, key, (short) response.status(), response.headers(), response.body()))
        .mapEmpty();
  }

  Future<Void> release(String scope, String key) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(scope, key)).mapEmpty();
  }

  /** Deletes expired rows in batches of {@code batch} until none is left; answers how many went. */
  Future<Long> purgeExpired(int batch) {
    return purgeFrom(batch, 0L);
  }

  private Future<Long> purgeFrom(int batch, long deletedSoFar) {
    return pool.preparedQuery(PURGE_BATCH).execute(Tuple.of(retentionSeconds(), (long) batch))
        .compose((RowSet<Row> rows) -> rows.rowCount() < batch
            ? Future.succeededFuture(deletedSoFar + rows.rowCount())
            : purgeFrom(batch, deletedSoFar + rows.rowCount()));
  }
}
