package vn.lienlac.delivery.zalo;

import java.time.Duration;
import vn.lienlac.delivery.channel.SendResult;

/**
 * What Zalo's error codes mean for a send (PROVIDERS.md; Zalo answers errors with HTTP 200 and a
 * non-zero {@code error}). A token error is not a {@link SendResult}: the channel refreshes and tries
 * once more. Unknown codes refuse the message with the code and Zalo's text in the reason.
 */
final class ZaloErrors {

  static final int ZNS_INVALID_PHONE = -108;
  static final int ZNS_QUOTA = -115;
  static final int ZNS_NO_ZALO = -118;
  static final int ZNS_TOKEN_INVALID = -124;
  static final int ZNS_TEMPLATE_NOT_APPROVED = -131;
  static final int ZNS_NIGHT_TIME = -133;
  static final int ZNS_DAILY_QUOTA = -144;
  static final int OA_RATE_LIMIT = -32;
  static final int OA_NOT_FOLLOWER = -213;
  static final int OA_TOKEN_INVALID = -216;
  static final int OA_TOKEN_EXPIRED = -220;
  static final int OA_NO_INTERACTION = -230;

  /** Reasons the delivery policy reads to pick the next channel or explain an unreachable guardian. */
  static final String INVALID_NUMBER = "invalid number";
  static final String NO_ZALO = "no Zalo";
  static final String NOT_FOLLOWER = "not a follower";
  static final String NO_INTERACTION = "no interaction in 7 days";

  private ZaloErrors() {}

  static boolean tokenInvalid(int code) {
    return code == ZNS_TOKEN_INVALID || code == OA_TOKEN_INVALID || code == OA_TOKEN_EXPIRED;
  }

  static SendResult zns(int code, String message) {
    return switch (code) {
      case ZNS_INVALID_PHONE -> new SendResult.Permanent(INVALID_NUMBER + " (ZNS " + code + ")");
      case ZNS_NO_ZALO -> new SendResult.Permanent(NO_ZALO + " (ZNS " + code + ")");
      case ZNS_QUOTA, ZNS_DAILY_QUOTA ->
          new SendResult.Transient("ZNS quota reached (" + code + ")", Duration.ofMinutes(30), false);
      case ZNS_TEMPLATE_NOT_APPROVED -> new SendResult.Permanent("ZNS template not approved (" + code + ")");
      case ZNS_TOKEN_INVALID -> new SendResult.Transient("Zalo access token refused twice (" + code + ")", null, false);
      default -> new SendResult.Permanent("ZNS error " + code + text(message));
    };
  }

  static SendResult oa(int code, String message) {
    return switch (code) {
      case OA_NOT_FOLLOWER -> new SendResult.Permanent(NOT_FOLLOWER + " (OA " + code + ")");
      case OA_NO_INTERACTION -> new SendResult.Permanent(NO_INTERACTION + " (OA " + code + ")");
      case OA_RATE_LIMIT -> new SendResult.Transient("Zalo OA rate limit (" + code + ")", Duration.ofSeconds(60), false);
      case OA_TOKEN_INVALID, OA_TOKEN_EXPIRED ->
          new SendResult.Transient("Zalo access token refused twice (" + code + ")", null, false);
      default -> new SendResult.Permanent("Zalo OA error " + code + text(message));
    };
  }

  private static String text(String message) {
    return message == null || message.isBlank() ? "" : ": " + message;
  }
}
