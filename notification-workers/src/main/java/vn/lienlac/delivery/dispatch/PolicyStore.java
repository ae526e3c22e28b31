package vn.lienlac.delivery.dispatch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.delivery.policy.Budget;
import vn.lienlac.delivery.policy.ChannelPlan;
import vn.lienlac.delivery.policy.GuardianPreference;
import vn.lienlac.delivery.policy.QuietHours;
import vn.lienlac.delivery.policy.SchoolPolicy;

/** Reads what the policy decides from: a school's settings and budgets, guardians' preferences. */
final class PolicyStore {

  static final String SCHOOL = """
      SELECT sms_allowed, plans, fallback_after_seconds, ack_reminder_seconds, zns_price_vnd
      FROM delivery.school_policy WHERE school_code = $1""";

  static final String BUDGETS = """
      SELECT channel, limit_vnd, spent_vnd FROM delivery.school_budget
      WHERE school_code = $1 AND month = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date""";

  private PolicyStore() {}

  /** The school's policy; defaults for what it did not set (and for messages without a school). */
  static Future<SchoolPolicy> school(SqlClient sql, String schoolCode, SchoolPolicy defaults) {
    if (schoolCode == null) {
      return Future.succeededFuture(defaults);
    }
    return sql.preparedQuery(SCHOOL).execute(Tuple.of(schoolCode)).map(rows -> {
      if (rows.size() == 0) {
        return defaults;
      }
      Row r = rows.iterator().next();
      Map<String, ChannelPlan> plans = new HashMap<>(defaults.plans());
      Object json = r.getValue(1);
      if (json instanceof JsonObject object) {
        object.forEach(e -> plans.put(e.getKey(), plan((JsonArray) e.getValue())));
      }
      Integer fallback = r.getInteger(2);
      Integer reminder = r.getInteger(3);
      Long zns = r.getLong(4);
      return new SchoolPolicy(r.getBoolean(0), plans,
          fallback == null ? defaults.fallbackAfter() : Duration.ofSeconds(fallback),
          reminder == null ? defaults.ackReminderAfter() : Duration.ofSeconds(reminder),
          zns == null ? defaults.znsPriceVnd() : zns);
    });
  }

  static ChannelPlan plan(JsonArray steps) {
    List<Set<String>> out = new ArrayList<>();
    for (Object step : steps) {
      Set<String> channels = new HashSet<>();
      ((JsonArray) step).forEach(c -> channels.add(c.toString()));
      out.add(channels);
    }
    return new ChannelPlan(out);
  }

  static Future<Map<String, Budget>> budgets(SqlClient sql, String schoolCode) {
    if (schoolCode == null) {
      return Future.succeededFuture(Map.of());
    }
    return sql.preparedQuery(BUDGETS).execute(Tuple.of(schoolCode)).map(rows -> {
      Map<String, Budget> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getString(0), new Budget(r.getLong(1), r.getLong(2))));
      return out;
    });
  }

  /** From columns channels (text[]), quiet_from, quiet_until starting at {@code first}. */
  static GuardianPreference preference(Row r, int first) {
    String[] channels = r.getArrayOfStrings(first);
    LocalTime from = r.getLocalTime(first + 1);
    LocalTime until = r.getLocalTime(first + 2);
    if (channels == null && from == null) {
      return GuardianPreference.NONE;
    }
    return new GuardianPreference(channels == null ? null : Set.of(channels),
        from == null || from.equals(until) ? null : new QuietHours(from, until));
  }
}
