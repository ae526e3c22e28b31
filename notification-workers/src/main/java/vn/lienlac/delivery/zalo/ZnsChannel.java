package vn.lienlac.delivery.zalo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import vn.lienlac.delivery.channel.AccountFingerprint;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;

/**
 * ZNS template messages by phone (PROVIDERS.md): {@code POST {zns}/message/template} with the OA's
 * access token, the phone as {@code 84…}, the ZNS template and data mapped from our template
 * ({@code delivery.zalo_template}) and {@code tracking_id} = our attempt id, which the delivery design
 * (issue 5) treats as ZNS's idempotency key: the channel is idempotent, so an interrupted send is sent
 * again rather than left {@code unknown}.
 */
public final class ZnsChannel implements Channel {

  /** Our template and parameters of the attempt, with the ZNS template this OA maps it to. */
  static final String TEMPLATE = """
      SELECT n.template, n.params, t.zns_template_id, t.data_mapping
      FROM delivery.attempt a
      JOIN messaging.notice n ON n.id = a.notice_id
      LEFT JOIN delivery.zalo_template t ON t.oa_id = $2 AND t.template_key = n.template
      WHERE a.id = $1""";

  private final Pool pool;
  private final ZaloCall call;
  private final ZaloOaAccount oa;
  private final long priceVnd;
  private final Clock clock;

  /** @param priceVnd what one accepted ZNS message costs */
  public ZnsChannel(Pool pool, WebClient client, ZaloTokens tokens, ZaloOaAccount oa, long priceVnd, Clock clock) {
    this.pool = pool;
    this.call = new ZaloCall(client, tokens, oa);
    this.oa = oa;
    this.priceVnd = priceVnd;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "zns";
  }

  @Override
  public String provider() {
    return "zalo_zns";
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public String rateLimitKey() {
    return "zalo:" + AccountFingerprint.of(oa.appId());
  }

  @Override
  public Future<SendResult> send(Outbound message) {
    if (ZnsNightTime.isNight(clock.instant())) {
      // Normally never claimed at night (delivery.zns_daytime); this covers a claim at 21:59:59.
      return Future.succeededFuture(new SendResult.Transient("ZNS night-time: waiting for 06:00",
          ZnsNightTime.untilMorning(clock.instant(), ThreadLocalRandom.current().nextDouble()), false));
    }
    String phone = znsPhone(message.to());
    if (phone == null) {
      return Future.succeededFuture(new SendResult.Permanent(ZaloErrors.INVALID_NUMBER + " (not a Vietnamese number)"));
    }
    return pool.preparedQuery(TEMPLATE).execute(Tuple.of(message.attemptId(), oa.oaId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(new SendResult.Permanent("the attempt has no notice to send over ZNS"));
      }
      Row r = rows.iterator().next();
      if (r.getString(2) == null) {
        return Future.succeededFuture(new SendResult.Permanent("no ZNS template for '" + r.getString(0)
            + "' in OA " + oa.oaId() + " (delivery.zalo_template)"));
      }
      JsonObject data;
      try {
        data = ZnsTemplateData.of((JsonObject) r.getValue(3), (JsonObject) r.getValue(1));
      } catch (IllegalArgumentException e) {
        return Future.succeededFuture(new SendResult.Permanent(e.getMessage()));
      }
      JsonObject body = new JsonObject().put("phone", phone).put("template_id", r.getString(2))
          .put("template_data", data).put("tracking_id", Long.toString(message.attemptId()));
      return call.post(oa.znsBase() + "/message/template", body)
          .map(this::classify)
          .otherwise(failure -> ZaloCall.failed("Zalo ZNS", failure));
    });
  }

  private SendResult classify(ZaloCall.Answer answer) {
    if (answer.status() != 200) {
      return ZaloCall.httpStatus("Zalo ZNS", answer);
    }
    if (answer.reply() == null) {
      return new SendResult.Transient("Zalo ZNS answered 200 without JSON", null, true);
    }
    int error = answer.error();
    if (error == 0) {
      JsonObject data = answer.reply().getJsonObject("data", new JsonObject());
      return new SendResult.Accepted(data.getString("msg_id"), 1, priceVnd);
    }
    if (error == ZaloErrors.ZNS_NIGHT_TIME) {
      // Our clock may be a little behind Zalo's at 22:00: then wait a few minutes and look again.
      Duration wait = ZnsNightTime.untilMorning(clock.instant(), ThreadLocalRandom.current().nextDouble());
      return new SendResult.Transient("ZNS night-time block (-133): waiting for 06:00",
          wait.isZero() ? Duration.ofMinutes(5) : wait, false);
    }
    return ZaloErrors.zns(error, answer.reply().getString("message"));
  }

  /** {@code +84987654321} → {@code 84987654321}; null for a number ZNS cannot reach. */
  static String znsPhone(String e164) {
    if (e164 == null || !e164.matches("\\+84[1-9][0-9]{8,9}")) {
      return null;
    }
    return e164.substring(1);
  }
}
