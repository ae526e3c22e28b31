package vn.lienlac.delivery.dispatch;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.lienlac.delivery.policy.Budget;
import vn.lienlac.delivery.policy.DeliveryPolicy;
import vn.lienlac.delivery.policy.DeliveryPolicy.Unreachable;
import vn.lienlac.delivery.policy.GuardianPreference;
import vn.lienlac.delivery.policy.SchoolPolicy;

/**
 * Moves recipients along their channel plan within the caller's transaction: the policy decides per
 * guardian, the rows are written set-based (one INSERT of every attempt, one UPDATE of every
 * unreachable recipient with its shard counts).
 */
final class PlanSteps {

  /**
   * @param afterStep the step that is over (-1 before the first)
   * @param lastError the last failure of that step, for the unreachable reason
   */
  record Candidate(long guardianId, int afterStep, GuardianPreference preference, String lastError, boolean allFailed) {
    Candidate(long guardianId, int afterStep, GuardianPreference preference, String lastError) {
      this(guardianId, afterStep, preference, lastError, true);
    }
  }

  private final DispatchOptions options;
  private final Clock clock;

  PlanSteps(DispatchOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /** Creates the next possible step for each candidate; those with none left become unreachable. */
  Future<Void> apply(SqlConnection tx, long messageId, String priority, String school, List<Candidate> candidates,
                     boolean unreachableWhenNone) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    return PolicyStore.school(tx, school, options.defaults()).compose(policy ->
        PolicyStore.budgets(tx, school).compose(budgets ->
            write(tx, messageId, priority, school, decide(priority, policy, budgets, candidates, unreachableWhenNone))));
  }

  /** What {@link #apply} writes, decided in memory. */
  record Decisions(List<Long> guardians, List<String> channels, List<Integer> steps, List<Long> notBefore,
                   List<Long> sending, List<Long> unreachable, List<String> reasons) {}

  Decisions decide(String priority, SchoolPolicy policy, Map<String, Budget> budgets, List<Candidate> candidates,
                   boolean unreachableWhenNone) {
    Instant now = clock.instant();
    Decisions d = new Decisions(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Candidate c : candidates) {
      var found = DeliveryPolicy.firstPossible(priority, c.afterStep() + 1, policy, c.preference(), budgets, now);
      if (found.step().attempts().isEmpty()) {
        if (unreachableWhenNone && c.allFailed()) {
          d.unreachable().add(c.guardianId());
          d.reasons().add(reason(found.step().reason(), c.lastError()).name());
        }
        continue;
      }
      d.sending().add(c.guardianId());
      for (DeliveryPolicy.Planned p : found.step().attempts()) {
        d.guardians().add(c.guardianId());
        d.channels().add(p.channel());
        d.steps().add(found.index());
        d.notBefore().add(p.notBefore().toEpochMilli());
      }
    }
    return d;
  }

  private Future<Void> write(SqlConnection tx, long messageId, String priority, String school, Decisions d) {
    Future<?> inserted = d.guardians().isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(DispatchSql.INSERT_ATTEMPTS).execute(Tuple.of(messageId,
                d.guardians().toArray(Long[]::new), d.channels().toArray(String[]::new),
                d.steps().toArray(Integer[]::new), queuePriority(priority), school, d.notBefore().toArray(Long[]::new)))
            .compose(v -> tx.preparedQuery(DispatchSql.MARK_SENDING)
                .execute(Tuple.of(messageId, (Object) d.sending().toArray(Long[]::new))));
    return inserted.compose(v -> d.unreachable().isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(DispatchSql.MARK_UNREACHABLE).execute(Tuple.of(messageId,
            d.unreachable().toArray(Long[]::new), d.reasons().toArray(String[]::new)))).mapEmpty();
  }

  /** Recipients whose step is over get the next; with {@code ack}, delivered but unacknowledged ones a reminder. */
  Future<Void> advance(SqlConnection tx, long messageId, String priority, String school, boolean ack) {
    return PolicyStore.school(tx, school, options.defaults()).compose(policy ->
        tx.preparedQuery(DispatchSql.STEP_OVER)
            .execute(Tuple.of(messageId, policy.fallbackAfter().toMillis(), options.chunk()))
            .compose(rows -> {
              List<Candidate> over = new ArrayList<>();
              SweptAttempts swept = new SweptAttempts();
              for (Row r : rows) {
                boolean stepOver = r.getBoolean(7) && r.getBoolean(8);
                if (stepOver) {
                  over.add(new Candidate(r.getLong(0), r.getInteger(1), PolicyStore.preference(r, 4), r.getString(3),
                      r.getBoolean(2)));
                }
                swept.saw(r.getArrayOfLongs(9), r.getArrayOfIntegers(10), r.getArrayOfStrings(11), r.getInteger(1),
                    stepOver || !r.getBoolean(7));
              }
              return apply(tx, messageId, priority, school, over, true).compose(v -> swept.mark(tx));
            })
            .compose(v -> !ack ? Future.succeededFuture() : tx.preparedQuery(DispatchSql.ACK_OVERDUE)
                .execute(Tuple.of(messageId, policy.ackReminderAfter().toMillis(), options.chunk()))
                .compose(rows -> {
                  List<Candidate> reminders = new ArrayList<>();
                  for (Row r : rows) {
                    reminders.add(new Candidate(r.getLong(0), r.getInteger(1), PolicyStore.preference(r, 2), null, false));
                  }
                  return apply(tx, messageId, priority, school, reminders, false);
                })));
  }

  /** Emergencies first, then important, then normal messages; sign-in codes (0) share the top. */
  static int queuePriority(String priority) {
    return switch (priority) {
      case "emergency" -> 0;
      case "important" -> 1;
      default -> 2;
    };
  }

  /** The worklist reason: what the last failure says where it says something, else the policy's. */
  static Unreachable reason(Unreachable policy, String lastError) {
    if (policy != Unreachable.failed || lastError == null) {
      return policy == null ? Unreachable.failed : policy;
    }
    String e = lastError.toLowerCase(Locale.ROOT);
    for (Unreachable u : Unreachable.values()) {
      if (e.startsWith(u.name() + ":") || e.startsWith(u.name() + " ")) {
        return u;
      }
    }
    if (e.contains("no_channel") || e.contains("zalo")) {
      return Unreachable.no_zalo;
    }
    if (e.contains("opted out") || e.contains("21610")) {
      return Unreachable.opted_out;
    }
    if (e.contains("invalid") && (e.contains("phone") || e.contains("number") || e.contains("số điện thoại"))) {
      return Unreachable.invalid_number;
    }
    return Unreachable.failed;
  }
}
