package vn.lienlac.api.inbox;

import java.util.regex.Pattern;

/** Senders that have an event stream: staff and guardians ({@code s:<id>}, {@code g:<id>}), not the system. */
final class SenderSubjects {

  private static final Pattern USER = Pattern.compile("[gs]:[0-9]{1,19}");

  private SenderSubjects() {}

  static boolean reachable(String subject) {
    return subject != null && USER.matcher(subject).matches();
  }
}
