package vn.lienlac.infra.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.lienlac.api.ops.ReadinessCheck;
import vn.lienlac.infra.support.db.SchemaMigrations;

/** Ready when PostgreSQL and Redis answer and every migration this build knows is applied. */
final class Readiness implements ReadinessCheck {

  private static final long CHECK_TIMEOUT_MS = 3_000;
  private static final long MIGRATION_RECHECK_MS = 10_000;

  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;
  private final SchemaMigrations migrations;
  private volatile boolean migrated;
  private volatile long migrationsCheckedAt;
  private volatile String migrationState = "down: not checked yet";

  Readiness(Vertx vertx, Pool pool, Redis redis, SchemaMigrations migrations) {
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
    this.migrations = migrations;
  }

  @Override
  public Future<Map<String, String>> check() {
    Future<String> postgres = state(pool.query("SELECT 1").execute());
    Future<String> cache = state(redis.send(Request.cmd(Command.PING)));
    Future<String> schema = migrationState();
    return Future.join(postgres, cache, schema)
        .transform(ignored -> Future.succeededFuture(
            Map.of("postgres", postgres.result(), "redis", cache.result(), "migrations", schema.result())));
  }

  /** Until migrations are applied, asks the database again at most every ten seconds (it blocks). */
  private Future<String> migrationState() {
    long now = System.currentTimeMillis();
    if (migrated || now - migrationsCheckedAt < MIGRATION_RECHECK_MS) {
      return Future.succeededFuture(migrationState);
    }
    migrationsCheckedAt = now;
    return vertx.executeBlocking(() -> {
      List<String> pending = migrations.pending();
      migrated = pending.isEmpty();
      migrationState = migrated ? "up" : "down: pending migrations " + pending + "; run ./lienlac migrate";
      return migrationState;
    }).otherwise(failure -> "down: " + failure.getMessage());
  }

  private static Future<String> state(Future<?> probe) {
    return probe.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(ok -> "up")
        .otherwise(failure -> "down: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
  }
}
