package vn.lienlac.delivery.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, for one recipient, which attempts a step of the plan creates and when they may go:
 * guardian channel choices, quiet hours (not for emergencies), and the school's budgets of paid
 * channels (at 100% a paid channel stops, except for emergencies). Pure: the dispatcher and the
 * fallback sweep give it what they read from the database.
 */
public final class DeliveryPolicy {

  /** Why nothing could be tried; shown in the homeroom teacher's unreachable worklist. */
  public enum Unreachable {
    no_app, no_zalo, invalid_number, opted_out, budget, failed;
  }

  public record Planned(String channel, Instant notBefore) {}

  /** What a step decided: the attempts to create, or (none) why the guardian cannot be reached by it. */
  public record Step(List<Planned> attempts, Unreachable reason) {}

  private DeliveryPolicy() {}

  /**
   * @param budgets the school's budgets this month per paid channel (absent = no limit)
   */
  public static Step step(String priority, int stepIndex, SchoolPolicy school, GuardianPreference guardian,
                          Map<String, Budget> budgets, Instant now) {
    ChannelPlan plan = school.planFor(priority);
    if (stepIndex >= plan.size()) {
      return new Step(List.of(), Unreachable.failed);
    }
    boolean emergency = "emergency".equals(priority);
    Instant notBefore = emergency || guardian.quietHours() == null ? now : guardian.quietHours().nextAllowed(now);
    List<Planned> out = new ArrayList<>();
    Unreachable reason = null;
    for (String channel : new TreeSet<>(plan.steps().get(stepIndex))) {
      if (!emergency && !guardian.allows(channel)) {
        reason = Unreachable.opted_out;
        continue;
      }
      Budget budget = budgets.get(channel);
      if (!emergency && ChannelPlan.PAID.contains(channel) && budget != null
          && budget.level() == Budget.Level.EXHAUSTED) {
        reason = Unreachable.budget;
        continue;
      }
      out.add(new Planned(channel, notBefore));
    }
    return new Step(List.copyOf(out), out.isEmpty() ? reason : null);
  }

  /**
   * The first step from {@code from} on that creates something, so that a step made empty by
   * preferences or budget does not stop the plan; {@code index} is the step found (or the plan size).
   */
  public static Found firstPossible(String priority, int from, SchoolPolicy school, GuardianPreference guardian,
                                    Map<String, Budget> budgets, Instant now) {
    Unreachable last = null;
    int size = school.planFor(priority).size();
    for (int i = from; i < size; i++) {
      Step s = step(priority, i, school, guardian, budgets, now);
      if (!s.attempts().isEmpty()) {
        return new Found(i, s);
      }
      last = s.reason();
    }
    return new Found(size, new Step(List.of(), last == null ? Unreachable.failed : last));
  }

  public record Found(int index, Step step) {}

  /** Channels every step of a priority's plan names, for tests and the README. */
  public static Set<String> channelsOf(ChannelPlan plan) {
    Set<String> all = new TreeSet<>();
    plan.steps().forEach(all::addAll);
    return all;
  }
}
