package vn.lienlac.api.messages;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The Vietnamese school year a moment falls in (it starts in August): the unit of message retention. */
final class SchoolYear {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private SchoolYear() {}

  static String of(OffsetDateTime at) {
    var local = at.atZoneSameInstant(VIETNAM);
    int start = local.getMonthValue() >= 8 ? local.getYear() : local.getYear() - 1;
    return start + "-" + (start + 1);
  }
}
