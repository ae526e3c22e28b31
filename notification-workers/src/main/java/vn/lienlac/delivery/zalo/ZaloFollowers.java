package vn.lienlac.delivery.zalo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * {@code delivery.zalo_follower}. The link rule: a follower becomes a guardian's when the phone the
 * follower shared with the OA ({@code user_submit_info}) equals {@code directory.guardian.phone_e164}
 * of exactly one guardian; a phone shared by several guardians links nobody (we would not know whose
 * thread a text belongs to). Unfollowing keeps the row and the link, with {@code unfollowed_at}.
 */
final class ZaloFollowers {

  static final String FOLLOWED = """
      INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, followed_at) VALUES ($1, $2, $3)
      ON CONFLICT (oa_id, zalo_user_id) DO UPDATE
      SET followed_at = EXCLUDED.followed_at, unfollowed_at = NULL, updated_at = now()""";

  static final String UNFOLLOWED = """
      INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, unfollowed_at) VALUES ($1, $2, $3)
      ON CONFLICT (oa_id, zalo_user_id) DO UPDATE SET unfollowed_at = EXCLUDED.unfollowed_at, updated_at = now()""";

  static final String SHARED_PHONE = """
      INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, phone_e164, guardian_id, followed_at)
      VALUES ($1, $2, $3, (SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM directory.guardian WHERE phone_e164 = $3), $4)
      ON CONFLICT (oa_id, zalo_user_id) DO UPDATE
      SET phone_e164 = EXCLUDED.phone_e164, guardian_id = EXCLUDED.guardian_id, updated_at = now()""";

  static final String GUARDIAN = """
      SELECT guardian_id FROM delivery.zalo_follower WHERE oa_id = $1 AND zalo_user_id = $2""";

  Future<Void> followed(SqlConnection tx, String oaId, String userId, Instant at) {
    return tx.preparedQuery(FOLLOWED).execute(Tuple.of(oaId, userId, at.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  Future<Void> unfollowed(SqlConnection tx, String oaId, String userId, Instant at) {
    return tx.preparedQuery(UNFOLLOWED).execute(Tuple.of(oaId, userId, at.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  /** @param phone as Zalo gives it ({@code 84…} or {@code 0…}); stored as E.164 */
  Future<Void> sharedPhone(SqlConnection tx, String oaId, String userId, String phone, Instant at) {
    String e164 = e164(phone);
    if (e164 == null || userId == null) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(SHARED_PHONE).execute(Tuple.of(oaId, userId, e164, at.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  Future<Long> guardianOf(SqlConnection tx, String oaId, String userId) {
    return tx.preparedQuery(GUARDIAN).execute(Tuple.of(oaId, userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  static String e164(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9+]", "");
    if (digits.startsWith("+")) {
      return digits;
    }
    if (digits.startsWith("84")) {
      return "+" + digits;
    }
    if (digits.startsWith("0") && digits.length() > 1) {
      return "+84" + digits.substring(1);
    }
    return null;
  }
}
