package vn.lienlac.delivery.policy;

import java.util.Set;

/**
 * What a guardian allows (delivery.guardian_preference).
 *
 * @param channels the channels allowed, or null for every channel
 * @param quietHours null when the guardian has none
 */
public record GuardianPreference(Set<String> channels, QuietHours quietHours) {

  public static final GuardianPreference NONE = new GuardianPreference(null, null);

  public boolean allows(String channel) {
    return channels == null || channels.contains(channel);
  }
}
