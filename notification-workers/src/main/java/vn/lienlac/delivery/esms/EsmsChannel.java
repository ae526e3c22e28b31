package vn.lienlac.delivery.esms;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.channel.HttpOutcomes;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.sms.SmsOptions;
import vn.lienlac.delivery.sms.SmsText;
import vn.lienlac.delivery.channel.AccountFingerprint;

/**
 * eSMS.vn brandname SMS (PROVIDERS.md): one JSON POST per message with {@code RequestId} = our attempt
 * id, which eSMS deduplicates for 24 hours (far longer than our retries last), so sending again after
 * a crash cannot reach the phone twice. Result codes from eSMS's published error table: 100 accepted,
 * 124 duplicate RequestId (the earlier send was accepted), everything else refuses this message
 * (99 number blocked, 101 wrong keys, 103 balance, 104 brandname, 108 phone format, …).
 */
public final class EsmsChannel implements Channel {

  public static final String SEND_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/";
  static final String SUCCESS = "100";
  /** The RequestId was seen before: the message was already accepted then. */
  static final String DUPLICATE_REQUEST = "124";
  /** Customer-care brandname messages (as opposed to advertising, type 1). */
  static final String SMS_TYPE_CUSTOMER_CARE = "2";

  private final WebClient client;
  private final EsmsAccount account;
  private final SmsOptions options;

  public EsmsChannel(WebClient client, EsmsAccount account, SmsOptions options) {
    this.client = client;
    this.account = account;
    this.options = options;
  }

  @Override
  public String kind() {
    return "sms";
  }

  @Override
  public String provider() {
    return "esms";
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public String rateLimitKey() {
    return "esms:" + AccountFingerprint.of(account.apiKey());
  }

  @Override
  public Future<SendResult> send(Outbound message) {
    SmsText sms = SmsText.of(message.text(), options.unaccented(), options.segmentPriceVnd());
    return client.postAbs(account.baseUrl() + SEND_PATH)
        .timeout(options.requestTimeout().toMillis())
        .sendJsonObject(request(account, message, sms))
        .map(response -> classify(response.statusCode(), response.getHeader("Retry-After"), response.body(), sms))
        .otherwise(failure -> HttpOutcomes.noAnswer("eSMS", failure));
  }

  static JsonObject request(EsmsAccount account, Outbound message, SmsText sms) {
    JsonObject body = new JsonObject()
        .put("ApiKey", account.apiKey())
        .put("SecretKey", account.secretKey())
        .put("Phone", nationalNumber(message.to()))
        .put("Content", sms.text())
        .put("Brandname", account.brandname())
        .put("SmsType", SMS_TYPE_CUSTOMER_CARE)
        .put("IsUnicode", sms.unicode() ? "1" : "0")
        .put("Sandbox", "0")
        .put("RequestId", Long.toString(message.attemptId()));
    if (account.callbackUrl() != null && !account.callbackUrl().isBlank()) {
      body.put("CallbackUrl", account.callbackUrl());
    }
    return body;
  }

  /** eSMS documents Vietnamese numbers in national form ({@code 09…}); others go as digits. */
  static String nationalNumber(String e164) {
    return e164.startsWith("+84") ? "0" + e164.substring(3) : e164.substring(1);
  }

  static SendResult classify(int status, String retryAfter, Buffer body, SmsText sms) {
    if (status == 429) {
      return new SendResult.Transient("eSMS rate limit (HTTP 429)", HttpOutcomes.retryAfter(retryAfter, Instant.now()), false);
    }
    if (status >= 500) {
      return new SendResult.Transient("eSMS HTTP " + status, HttpOutcomes.retryAfter(retryAfter, Instant.now()), status != 503);
    }
    if (status < 200 || status >= 300) {
      return new SendResult.Permanent("eSMS refused the request (HTTP " + status + ")");
    }
    JsonObject reply;
    try {
      reply = body == null ? null : body.toJsonObject();
    } catch (DecodeException e) {
      reply = null;
    }
    if (reply == null) {
      return new SendResult.Transient("eSMS answered without a JSON reply", null, true);
    }
    String code = String.valueOf(reply.getValue("CodeResult"));
    if (SUCCESS.equals(code)) {
      Object smsId = reply.getValue("SMSID");
      return new SendResult.Accepted(smsId == null ? null : smsId.toString(), sms.segments(), sms.costVnd());
    }
    if (DUPLICATE_REQUEST.equals(code)) {
      return new SendResult.Accepted(null, sms.segments(), sms.costVnd());
    }
    return new SendResult.Permanent("eSMS CodeResult " + code + ": " + reply.getString("ErrorMessage", "no message"));
  }
}
