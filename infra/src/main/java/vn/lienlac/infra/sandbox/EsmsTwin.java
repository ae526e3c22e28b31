package vn.lienlac.infra.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * eSMS.vn's brandname send endpoint on loopback (PROVIDERS.md; codes from eSMS's error table): checks
 * the keys and brandname, the phone format and the message type, deduplicates {@code RequestId} for
 * 24 hours (124) as eSMS does, and otherwise answers {@code CodeResult 100} with an {@code SMSID}.
 */
final class EsmsTwin {

  static final String PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json";
  static final Duration REQUEST_ID_MEMORY = Duration.ofHours(24);
  private static final Pattern VIETNAMESE_MOBILE = Pattern.compile("(?:0|84)([35789][0-9]{8})");
  private static final Set<String> SMS_TYPES = Set.of("1", "2", "8");

  private final Vertx vertx;
  private final SandboxAccounts accounts;
  private final Outbox outbox;
  private final Clock clock;
  final ProviderBehaviour behaviour = new ProviderBehaviour();
  private final Map<String, Instant> requestIds = new LinkedHashMap<>();

  EsmsTwin(Vertx vertx, SandboxAccounts accounts, Outbox outbox, Clock clock) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.outbox = outbox;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post(PATH).handler(this::send);
    router.post(PATH + "/").handler(this::send);
  }

  private void send(RoutingContext ctx) {
    Instant now = clock.instant();
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      request = null;
    }
    if (request == null) {
      respond(ctx, 400, new JsonObject().put("CodeResult", "400").put("ErrorMessage", "Body must be a JSON object"));
      return;
    }
    JsonObject reply = answer(request, now);
    respond(ctx, reply.getInteger("_status", 200), reply);
  }

  private JsonObject answer(JsonObject r, Instant now) {
    if (!accounts.esmsApiKey().equals(r.getString("ApiKey")) || !accounts.esmsSecretKey().equals(r.getString("SecretKey"))) {
      return code("101", "ApiKey hoặc SecretKey không đúng / incorrect ApiKey or SecretKey");
    }
    String type = String.valueOf(r.getValue("SmsType"));
    if (!SMS_TYPES.contains(type)) {
      return code("118", "Loại tin không hỗ trợ / unsupported message type");
    }
    if (!"8".equals(type) && !accounts.esmsBrandname().equals(r.getString("Brandname"))) {
      return code("104", "Brandname không tồn tại / brandname does not exist");
    }
    String content = r.getString("Content");
    if (content == null || content.isBlank()) {
      return code("400", "Thiếu nội dung / Content is required").put("_status", 400);
    }
    String unicode = r.getString("IsUnicode", "0");
    if (!unicode.equals("0") && !unicode.equals("1")) {
      return code("400", "IsUnicode phải là 0 hoặc 1 / IsUnicode must be 0 or 1").put("_status", 400);
    }
    var phone = VIETNAMESE_MOBILE.matcher(r.getString("Phone", ""));
    if (!phone.matches()) {
      return code("108", "Số điện thoại không đúng định dạng / phone number is not in correct format");
    }
    String fault = behaviour.nextFault(now);
    if (fault != null) {
      return ProviderBehaviour.isHttpStatus(fault)
          ? code(fault, "sandbox fault").put("_status", Integer.parseInt(fault))
          : code(fault, "sandbox fault " + fault);
    }
    String requestId = r.getString("RequestId");
    if (requestId != null && !requestId.isBlank()) {
      forgetOldRequestIds(now);
      if (requestIds.containsKey(requestId)) {
        return code("124", "RequestId bị trùng / duplicate RequestId");
      }
      requestIds.put(requestId, now);
    }
    String smsId = UUID.randomUUID().toString();
    outbox.add(new Received("esms", "sms", "+84" + phone.group(1), r.getString("Brandname"), content, now, smsId));
    return new JsonObject().put("CodeResult", "100").put("CountRegenerate", 0).put("SMSID", smsId);
  }

  private void forgetOldRequestIds(Instant now) {
    var oldest = requestIds.entrySet().iterator();
    while (oldest.hasNext() && oldest.next().getValue().isBefore(now.minus(REQUEST_ID_MEMORY))) {
      oldest.remove();
    }
  }

  private static JsonObject code(String code, String message) {
    return new JsonObject().put("CodeResult", code).put("ErrorMessage", message);
  }

  private void respond(RoutingContext ctx, int status, JsonObject body) {
    body.remove("_status");
    Responses.json(vertx, ctx, behaviour.latencyMs(), status, body);
  }
}
