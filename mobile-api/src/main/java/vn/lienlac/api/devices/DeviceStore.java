package vn.lienlac.api.devices;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.messaging.devices.Devices;

/**
 * {@code api.device}: one row per app installation, owned by whoever signed in on it last. Registering
 * an installation that another user had moves it to the caller: a phone changes hands (a parent's old
 * phone goes to a grandparent, a school tablet to another teacher), and pushes must follow the person
 * signed in now; the previous owner's notices would otherwise appear on a device they no longer hold.
 * A push token lives on one installation only: if it shows up on another one, the older row is retired.
 */
public final class DeviceStore implements Devices {

  /** A user has a handful of devices; the list is bounded instead of paged. */
  static final int MAX_LISTED = 100;

  static final String RETIRE_TOKEN_ELSEWHERE = """
      UPDATE api.device SET removed_at = now(), removed_reason = 'push_token_reused', updated_at = now()
       WHERE push_token = $1 AND installation_id <> $2 AND removed_at IS NULL""";
  static final String UPSERT = """
      INSERT INTO api.device AS d (installation_id, guardian_id, staff_id, platform, push_token, app_version, language)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (installation_id) DO UPDATE
         SET registered_at = CASE WHEN d.removed_at IS NOT NULL OR d.guardian_id IS DISTINCT FROM EXCLUDED.guardian_id
                                    OR d.staff_id IS DISTINCT FROM EXCLUDED.staff_id THEN now() ELSE d.registered_at END,
             guardian_id = EXCLUDED.guardian_id, staff_id = EXCLUDED.staff_id, platform = EXCLUDED.platform,
             push_token = EXCLUDED.push_token, app_version = EXCLUDED.app_version, language = EXCLUDED.language,
             updated_at = now(), removed_at = NULL, removed_reason = NULL, removed_detail = NULL
      RETURNING (xmax = 0) AS created, installation_id, platform, app_version, language, registered_at, updated_at""";
  static final String REMOVE_GUARDIANS = """
      UPDATE api.device SET removed_at = now(), removed_reason = 'unregistered', updated_at = now()
       WHERE installation_id = $1 AND guardian_id = $2 AND removed_at IS NULL""";
  static final String REMOVE_STAFFS = """
      UPDATE api.device SET removed_at = now(), removed_reason = 'unregistered', updated_at = now()
       WHERE installation_id = $1 AND staff_id = $2 AND removed_at IS NULL""";
  static final String LIST_GUARDIANS = """
      SELECT installation_id, platform, app_version, language, registered_at, updated_at, push_token
        FROM api.device WHERE guardian_id = $1 AND removed_at IS NULL ORDER BY registered_at DESC, installation_id LIMIT $2""";
  static final String LIST_STAFFS = """
      SELECT installation_id, platform, app_version, language, registered_at, updated_at, push_token
        FROM api.device WHERE staff_id = $1 AND removed_at IS NULL ORDER BY registered_at DESC, installation_id LIMIT $2""";
  static final String REMOVE_DEAD = """
      UPDATE api.device SET removed_at = now(), removed_reason = 'push_token_dead', removed_detail = $2, updated_at = now()
       WHERE push_token = $1 AND removed_at IS NULL""";

  /** What the app sends for its installation. */
  public record Registration(String platform, String pushToken, String appVersion, String language) {}

  /** @param created false when an existing row (perhaps another user's) was updated */
  public record Registered(boolean created, JsonObject device) {}

  private final Pool pool;

  private DeviceStore(Pool pool) {
    this.pool = pool;
  }

  public static DeviceStore create(Pool pool) {
    return new DeviceStore(pool);
  }

  public Future<Registered> register(Caller owner, String installationId, Registration r) {
    Long guardian = owner.isGuardian() ? owner.accountId() : null;
    Long staff = owner.isGuardian() ? null : owner.accountId();
    return pool.withTransaction(conn -> conn.preparedQuery(RETIRE_TOKEN_ELSEWHERE).execute(Tuple.of(r.pushToken(), installationId))
        .compose(done -> conn.preparedQuery(UPSERT).execute(Tuple.of(installationId, guardian, staff, r.platform(),
            r.pushToken(), r.appVersion(), r.language())))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Registered(row.getBoolean("created"), json(row));
        }));
  }

  /** @return false when the caller has no such live device */
  public Future<Boolean> remove(Caller owner, String installationId) {
    return pool.preparedQuery(owner.isGuardian() ? REMOVE_GUARDIANS : REMOVE_STAFFS)
        .execute(Tuple.of(installationId, owner.accountId())).map(rows -> rows.rowCount() == 1);
  }

  public Future<List<JsonObject>> list(Caller owner) {
    return pool.preparedQuery(owner.isGuardian() ? LIST_GUARDIANS : LIST_STAFFS)
        .execute(Tuple.of(owner.accountId(), MAX_LISTED)).map(rows -> {
          List<JsonObject> devices = new ArrayList<>();
          rows.forEach(row -> devices.add(json(row)));
          return devices;
        });
  }

  @Override
  public Future<List<PushDevice>> liveDevicesOf(long guardianId) {
    return pool.preparedQuery(LIST_GUARDIANS).execute(Tuple.of(guardianId, MAX_LISTED)).map(rows -> {
      List<PushDevice> devices = new ArrayList<>();
      rows.forEach(row -> devices.add(new PushDevice(row.getString("installation_id"), row.getString("platform"),
          row.getString("push_token"), row.getString("language"))));
      return devices;
    });
  }

  /** One query for a delivery batch's guardians (the push channel asked per guardian before: a round trip each). */
  static final String LIVE_OF_GUARDIANS = """
      SELECT guardian_id, installation_id, platform, push_token, language
        FROM api.device WHERE guardian_id = ANY($1::bigint[]) AND removed_at IS NULL
       ORDER BY guardian_id, registered_at DESC, installation_id""";

  @Override
  public Future<Map<Long, List<PushDevice>>> liveDevicesOf(Collection<Long> guardianIds) {
    return pool.preparedQuery(LIVE_OF_GUARDIANS).execute(Tuple.of(guardianIds.toArray(Long[]::new))).map(rows -> {
      Map<Long, List<PushDevice>> byGuardian = new HashMap<>();
      guardianIds.forEach(g -> byGuardian.put(g, new ArrayList<>()));
      rows.forEach(row -> {
        List<PushDevice> devices = byGuardian.get(row.getLong("guardian_id"));
        if (devices.size() < MAX_LISTED) {
          devices.add(new PushDevice(row.getString("installation_id"), row.getString("platform"),
              row.getString("push_token"), row.getString("language")));
        }
      });
      return byGuardian;
    });
  }

  @Override
  public Future<Void> removeDeadToken(String pushToken, String reason) {
    return pool.preparedQuery(REMOVE_DEAD).execute(Tuple.of(pushToken, reason)).mapEmpty();
  }

  /** The push token stays out of answers: the app has it, and nobody else needs it. */
  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("installationId", row.getString("installation_id"))
        .put("platform", row.getString("platform"))
        .put("appVersion", row.getString("app_version"))
        .put("language", row.getString("language"))
        .put("registeredAt", row.getOffsetDateTime("registered_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
