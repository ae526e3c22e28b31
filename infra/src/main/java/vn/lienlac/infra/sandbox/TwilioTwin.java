package vn.lienlac.infra.sandbox;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import vn.lienlac.delivery.sms.SmsSegments;

/**
 * Twilio's Messages resource on loopback (PROVIDERS.md): HTTP Basic with the account's SID and token,
 * form fields {@code To}, {@code From}/{@code MessagingServiceSid}, {@code Body}; 201 with the message
 * resource, or Twilio's error document ({@code code}, {@code message}, {@code more_info}, {@code status}).
 * With a {@code StatusCallback}, the statuses {@code sent} then {@code delivered} are posted to it, signed.
 */
final class TwilioTwin {

  static final String PATH = "/2010-04-01/Accounts/:accountSid/Messages.json";
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final int MAX_BODY = 1600;

  private final Vertx vertx;
  private final SandboxAccounts accounts;
  private final Outbox outbox;
  private final Clock clock;
  final ProviderBehaviour behaviour = new ProviderBehaviour();
  private final TwilioStatusCallbacks statusCallbacks;

  TwilioTwin(Vertx vertx, SandboxAccounts accounts, Outbox outbox, Clock clock) {
    this.statusCallbacks = new TwilioStatusCallbacks(vertx, accounts);
    this.vertx = vertx;
    this.accounts = accounts;
    this.outbox = outbox;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post(PATH).handler(this::send);
  }

  private void send(RoutingContext ctx) {
    Instant now = clock.instant();
    if (!authenticated(ctx.request().getHeader("Authorization"), ctx.pathParam("accountSid"))) {
      respond(ctx, 401, error(20003, "Authenticate", 401));
      return;
    }
    MultiMap form = ctx.request().formAttributes();
    String to = form.get("To");
    String from = form.get("From");
    String service = form.get("MessagingServiceSid");
    String body = form.get("Body");
    if (to == null || to.isBlank()) {
      respond(ctx, 400, error(21604, "A 'To' phone number is required.", 400));
    } else if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
      respond(ctx, 400, error(21603, "A 'From' phone number is required.", 400));
    } else if (body == null || body.isEmpty()) {
      respond(ctx, 400, error(21602, "Message body is required.", 400));
    } else if (!E164.matcher(to).matches()) {
      respond(ctx, 400, error(21211, "The 'To' number " + to + " is not a valid phone number.", 400));
    } else if (from != null && !from.equals(accounts.twilioFrom())) {
      respond(ctx, 400, error(21606, "The From phone number " + from
          + " is not a valid, SMS-capable inbound phone number or short code for your account.", 400));
    } else if (body.length() > MAX_BODY) {
      respond(ctx, 400, error(21617, "The concatenated message body exceeds the 1600 character limit.", 400));
    } else {
      String fault = behaviour.nextFault(now);
      if (fault != null) {
        int status = ProviderBehaviour.isHttpStatus(fault) ? Integer.parseInt(fault) : 400;
        int code = ProviderBehaviour.isHttpStatus(fault) ? 20000 + status : Integer.parseInt(fault);
        respond(ctx, status, error(code, "Sandbox fault " + fault, status));
        return;
      }
      String sid = "SM" + HexFormat.of().formatHex(randomBytes());
      String sender = from != null ? from : service;
      outbox.add(new Received("twilio", "sms", to, sender, body, now, sid));
      respond(ctx, 201, resource(sid, to, from, service, body, now));
      String callback = form.get("StatusCallback");
      if (callback != null && !callback.isBlank()) {
        statusCallbacks.sentThenDelivered(callback, sid, to, sender);
      }
    }
  }

  private boolean authenticated(String header, String pathSid) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String expected = accounts.twilioAccountSid() + ":" + accounts.twilioAuthToken();
    try {
      String given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      return given.equals(expected) && accounts.twilioAccountSid().equals(pathSid);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private JsonObject resource(String sid, String to, String from, String service, String body, Instant now) {
    String created = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC));
    String account = accounts.twilioAccountSid();
    return new JsonObject().put("account_sid", account).put("api_version", "2010-04-01").put("body", body)
        .put("date_created", created).put("date_sent", null).put("date_updated", created)
        .put("direction", "outbound-api").put("error_code", null).put("error_message", null)
        .put("from", from).put("messaging_service_sid", service).put("num_media", "0")
        .put("num_segments", Integer.toString(SmsSegments.of(body).count())).put("price", null)
        .put("price_unit", "USD").put("sid", sid).put("status", service != null ? "accepted" : "queued").put("to", to)
        .put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json");
  }

  private static JsonObject error(int code, String message, int status) {
    return new JsonObject().put("code", code).put("message", message)
        .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private void respond(RoutingContext ctx, int status, JsonObject body) {
    Responses.json(vertx, ctx, behaviour.latencyMs(), status, body);
  }
}
