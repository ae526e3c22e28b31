package vn.lienlac.delivery.policy;

import java.util.List;
import java.util.Set;

/**
 * The channels a message takes, as steps: every channel of a step is tried at once; the next step
 * starts when the step failed everywhere or delivered nowhere within the fallback delay.
 */
public record ChannelPlan(List<Set<String>> steps) {

  public static final Set<String> KNOWN = Set.of("push", "zns", "zalo_oa", "sms");
  /** Channels that cost money per message and count against the school's budget. */
  public static final Set<String> PAID = Set.of("zns", "zalo_oa", "sms");

  /** normal: push, then ZNS, then SMS (dropped unless the school allows SMS). */
  public static final ChannelPlan NORMAL = new ChannelPlan(List.of(Set.of("push"), Set.of("zns"), Set.of("sms")));
  /** important: push and ZNS together, then SMS if allowed. */
  public static final ChannelPlan IMPORTANT = new ChannelPlan(List.of(Set.of("push", "zns"), Set.of("sms")));
  /** emergency: everything at once. */
  public static final ChannelPlan EMERGENCY = new ChannelPlan(List.of(Set.of("push", "zns", "sms")));

  public ChannelPlan {
    steps = List.copyOf(steps.stream().map(Set::copyOf).filter(s -> !s.isEmpty()).toList());
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a channel plan needs at least one step");
    }
    for (Set<String> step : steps) {
      for (String channel : step) {
        if (!KNOWN.contains(channel)) {
          throw new IllegalArgumentException("unknown channel '" + channel + "' in a channel plan (known: " + KNOWN + ")");
        }
      }
    }
  }

  public static ChannelPlan defaultFor(String priority) {
    return switch (priority) {
      case "normal" -> NORMAL;
      case "important" -> IMPORTANT;
      case "emergency" -> EMERGENCY;
      default -> throw new IllegalArgumentException("unknown message priority '" + priority + "'");
    };
  }

  /** The plan without a channel (e.g. SMS where the school does not allow it); steps left empty vanish. */
  public ChannelPlan without(String channel) {
    List<Set<String>> kept = steps.stream()
        .map(s -> s.stream().filter(c -> !c.equals(channel)).collect(java.util.stream.Collectors.toSet()))
        .filter(s -> !s.isEmpty()).toList();
    return kept.isEmpty() ? this : new ChannelPlan(kept);
  }

  public int size() {
    return steps.size();
  }
}
