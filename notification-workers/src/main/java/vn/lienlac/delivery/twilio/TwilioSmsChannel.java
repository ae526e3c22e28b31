package vn.lienlac.delivery.twilio;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.Set;
import vn.lienlac.delivery.channel.AccountFingerprint;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.channel.HttpOutcomes;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.sms.SmsOptions;
import vn.lienlac.delivery.sms.SmsText;

/**
 * Twilio Programmable Messaging (PROVIDERS.md): a form POST to the Messages resource with HTTP Basic.
 * Twilio has no idempotency key, so this channel is not {@link #idempotent()}: a send interrupted
 * after the request left becomes {@code unknown} instead of a second SMS.
 */
public final class TwilioSmsChannel implements Channel {

  static final Set<String> FAILED_AT_CREATION = Set.of("failed", "undelivered");

  private final WebClient client;
  private final TwilioAccount account;
  private final SmsOptions options;

  public TwilioSmsChannel(WebClient client, TwilioAccount account, SmsOptions options) {
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
    return "twilio";
  }

  @Override
  public boolean idempotent() {
    return false;
  }

  @Override
  public String rateLimitKey() {
    return "twilio:" + AccountFingerprint.of(account.accountSid());
  }

  public static String messagesPath(String accountSid) {
    return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
  }

  @Override
  public Future<SendResult> send(Outbound message) {
    SmsText sms = SmsText.of(message.text(), options.unaccented(), options.segmentPriceVnd());
    return client.postAbs(account.baseUrl() + messagesPath(account.accountSid()))
        .basicAuthentication(account.accountSid(), account.authToken())
        .timeout(options.requestTimeout().toMillis())
        .sendForm(form(account, message, sms))
        .map(response -> classify(response.statusCode(), response.getHeader("Retry-After"), response.body(), sms))
        .otherwise(failure -> HttpOutcomes.noAnswer("Twilio", failure));
  }

  static MultiMap form(TwilioAccount account, Outbound message, SmsText sms) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("To", message.to()).add("Body", sms.text());
    if (account.from().startsWith("MG")) {
      form.add("MessagingServiceSid", account.from());
    } else {
      form.add("From", account.from());
    }
    if (account.statusCallback() != null && !account.statusCallback().isBlank()) {
      form.add("StatusCallback", account.statusCallback());
    }
    return form;
  }

  static SendResult classify(int status, String retryAfter, Buffer body, SmsText sms) {
    JsonObject reply = json(body);
    if (status == 429) {
      return new SendResult.Transient("Twilio rate limit (HTTP 429" + code(reply) + ")",
          HttpOutcomes.retryAfter(retryAfter, Instant.now()), false);
    }
    if (status >= 500) {
      // 503 means Twilio did not take the request; after other 5xx the message may exist.
      return new SendResult.Transient("Twilio HTTP " + status, HttpOutcomes.retryAfter(retryAfter, Instant.now()), status != 503);
    }
    if (status >= 200 && status < 300) {
      if (reply == null || reply.getString("sid") == null) {
        return new SendResult.Transient("Twilio answered " + status + " without a message sid", null, true);
      }
      String state = reply.getString("status", "");
      if (FAILED_AT_CREATION.contains(state)) {
        return new SendResult.Permanent("Twilio status " + state + code(reply.getValue("error_code"), reply.getString("error_message")));
      }
      int segments = parseSegments(reply.getValue("num_segments"), sms.segments());
      return new SendResult.Accepted(reply.getString("sid"), segments, segments * (sms.costVnd() / Math.max(1, sms.segments())));
    }
    if (status == 401 || status == 403) {
      return new SendResult.Permanent("Twilio refused our credentials (HTTP " + status + code(reply) + ")");
    }
    return new SendResult.Permanent("Twilio error" + (reply == null ? " HTTP " + status
        : code(reply.getValue("code"), reply.getString("message")).replaceFirst("^:", "")));
  }

  private static String code(JsonObject reply) {
    return reply == null || reply.getValue("code") == null ? "" : ", code " + reply.getValue("code");
  }

  private static String code(Object code, String message) {
    return (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
  }

  private static int parseSegments(Object value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value.toString());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static JsonObject json(Buffer body) {
    try {
      return body == null || body.length() == 0 ? null : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
