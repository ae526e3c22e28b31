package vn.lienlac.delivery.zalo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import vn.lienlac.delivery.channel.AccountFingerprint;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;

/**
 * Zalo OA consultation messages ({@code POST {openapi}/v3.0/oa/message/cs}, {@code recipient.user_id})
 * to a guardian who follows the OA ({@code delivery.zalo_follower}, linked by phone: README "Zalo").
 * Free, but only for followers who interacted in the last 7 days; otherwise the plan moves on.
 * Zalo has no idempotency key for these, so an interrupted send is {@code unknown}, never repeated.
 */
public final class ZaloOaChannel implements Channel {

  static final int MAX_TEXT = 2000;

  /** The follower this phone belongs to: shared phone, or the guardian linked to the follower. */
  static final String FOLLOWER = """
      SELECT f.zalo_user_id FROM delivery.zalo_follower f
      LEFT JOIN directory.guardian g ON g.id = f.guardian_id
      WHERE f.oa_id = $1 AND f.unfollowed_at IS NULL AND (f.phone_e164 = $2 OR g.phone_e164 = $2)
      ORDER BY f.followed_at DESC NULLS LAST LIMIT 1""";

  static final String UNFOLLOWED = """
      UPDATE delivery.zalo_follower SET unfollowed_at = now(), updated_at = now()
      WHERE oa_id = $1 AND zalo_user_id = $2 AND unfollowed_at IS NULL""";

  private final Pool pool;
  private final ZaloCall call;
  private final ZaloOaAccount oa;

  public ZaloOaChannel(Pool pool, WebClient client, ZaloTokens tokens, ZaloOaAccount oa) {
    this.pool = pool;
    this.call = new ZaloCall(client, tokens, oa);
    this.oa = oa;
  }

  @Override
  public String kind() {
    return "zalo_oa";
  }

  @Override
  public String provider() {
    return "zalo_oa";
  }

  @Override
  public boolean idempotent() {
    return false;
  }

  @Override
  public String rateLimitKey() {
    return "zalo:" + AccountFingerprint.of(oa.appId());
  }

  @Override
  public Future<SendResult> send(Outbound message) {
    return pool.preparedQuery(FOLLOWER).execute(Tuple.of(oa.oaId(), message.to())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(new SendResult.Permanent(ZaloErrors.NOT_FOLLOWER + " of OA " + oa.oaId()));
      }
      String userId = rows.iterator().next().getString(0);
      String text = message.text().length() > MAX_TEXT ? message.text().substring(0, MAX_TEXT) : message.text();
      JsonObject body = new JsonObject().put("recipient", new JsonObject().put("user_id", userId))
          .put("message", new JsonObject().put("text", text));
      return call.post(oa.openApiBase() + "/v3.0/oa/message/cs", body)
          .compose(answer -> answer.error() == ZaloErrors.OA_NOT_FOLLOWER
              ? pool.preparedQuery(UNFOLLOWED).execute(Tuple.of(oa.oaId(), userId)).map(answer) : Future.succeededFuture(answer))
          .map(ZaloOaChannel::classify)
          .otherwise(failure -> ZaloCall.failed("Zalo OA", failure));
    });
  }

  static SendResult classify(ZaloCall.Answer answer) {
    if (answer.status() != 200) {
      return ZaloCall.httpStatus("Zalo OA", answer);
    }
    if (answer.reply() == null) {
      return new SendResult.Transient("Zalo OA answered 200 without JSON", null, true);
    }
    if (answer.error() == 0) {
      return new SendResult.Accepted(answer.reply().getJsonObject("data", new JsonObject()).getString("message_id"), 1, 0);
    }
    return ZaloErrors.oa(answer.error(), answer.reply().getString("message"));
  }
}
