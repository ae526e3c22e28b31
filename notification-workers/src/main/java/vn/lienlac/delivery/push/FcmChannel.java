package vn.lienlac.delivery.push;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.channel.AccountFingerprint;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.channel.HttpOutcomes;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.messaging.devices.Devices;

/**
 * Push over FCM HTTP v1 to every live device of the guardian, over one multiplexed HTTP/2 client.
 * A device whose token FCM calls dead ({@code UNREGISTERED}, or {@code INVALID_ARGUMENT} naming the
 * token) is removed through {@link Devices}; the attempt counts as accepted when at least one device
 * took it, transient when none did but some may later ({@code 429}/{@code 5xx}, honouring
 * {@code Retry-After}), and permanent when the guardian has no device that can receive it ("no app").
 */
public final class FcmChannel implements Channel {

  private static final Logger LOG = LoggerFactory.getLogger(FcmChannel.class);
  /** The reason recorded when nothing can be pushed; the unreachable worklist shows it. */
  public static final String NO_APP = "no_app";

  private final WebClient client;
  private final GoogleAccessTokens tokens;
  private final Devices devices;
  private final String sendUrl;
  private final String projectId;
  private final Duration timeout;
  private final Clock clock;

  /** @param baseUrl {@code https://fcm.googleapis.com} (or the sandbox) */
  public FcmChannel(WebClient client, GoogleAccessTokens tokens, Devices devices, String baseUrl, String projectId,
                    Duration timeout, Clock clock) {
    this.client = client;
    this.tokens = tokens;
    this.devices = devices;
    this.projectId = projectId;
    this.sendUrl = baseUrl + "/v1/projects/" + projectId + "/messages:send";
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "push";
  }

  @Override
  public String provider() {
    return "fcm";
  }

  /**
   * FCM has no idempotency key, but every push of a message carries its collapse key
   * ({@code collapse_key}, {@code apns-collapse-id}): a push sent again after a crash replaces the
   * first on the device, so resending is safe.
   */
  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public String rateLimitKey() {
    return "fcm:" + AccountFingerprint.of(projectId);
  }

  @Override
  public Future<SendResult> send(Outbound message) {
    return sendAll(List.of(message)).map(List::getFirst);
  }

  /** Every guardian's devices in one lookup, then every device's request at once over the HTTP/2 client. */
  @Override
  public Future<List<SendResult>> sendAll(List<Outbound> messages) {
    List<Long> guardians = messages.stream().filter(m -> m.message() != null).map(m -> m.message().guardianId()).toList();
    Future<Map<Long, List<Devices.PushDevice>>> lookup = guardians.isEmpty()
        ? Future.succeededFuture(Map.of()) : devices.liveDevicesOf(guardians);
    return lookup.compose(byGuardian -> {
      boolean anyDevice = byGuardian.values().stream().anyMatch(l -> !l.isEmpty());
      Future<String> bearer = anyDevice ? tokens.token() : Future.succeededFuture(null);
      return bearer.transform(token -> {
        List<Future<SendResult>> results = new ArrayList<>(messages.size());
        for (Outbound m : messages) {
          results.add(sendToDevices(m, m.message() == null ? List.of() : byGuardian.getOrDefault(m.message().guardianId(), List.of()), token));
        }
        return Future.join(results).transform(v -> Future.succeededFuture(results.stream().map(Future::result).toList()));
      });
    }, e -> Future.succeededFuture(messages.stream()
        .map(m -> (SendResult) new SendResult.Transient("push devices unavailable: " + e.getMessage(), null, false))
        .toList()));
  }

  private Future<SendResult> sendToDevices(Outbound message, List<Devices.PushDevice> list, AsyncResult<String> bearer) {
    if (message.message() == null) {
      return Future.succeededFuture(new SendResult.Permanent("push delivers messages, not notices"));
    }
    if (list.isEmpty()) {
      return Future.succeededFuture(new SendResult.Permanent(NO_APP + ": the guardian has no device with the app"));
    }
    if (bearer.failed()) {
      return Future.succeededFuture(new SendResult.Transient("no FCM access token: " + bearer.cause().getMessage(), null, false));
    }
    List<Future<DeviceOutcome>> sends = new ArrayList<>();
    for (Devices.PushDevice d : list) {
      sends.add(sendTo(bearer.result(), d.pushToken(), message));
    }
    return Future.join(sends).transform(ar -> Future.succeededFuture(combine(sends)));
  }

  private record DeviceOutcome(SendResult result, boolean dropped) {}

  private Future<DeviceOutcome> sendTo(String bearer, String pushToken, Outbound message) {
    JsonObject body = FcmRequest.body(pushToken, message.message(), message.text(), message.attemptId());
    return client.postAbs(sendUrl).bearerTokenAuthentication(bearer).timeout(timeout.toMillis())
        .sendJsonObject(body)
        .compose(response -> answer(response, pushToken),
            e -> Future.succeededFuture(new DeviceOutcome(HttpOutcomes.noAnswer("fcm", e), false)));
  }

  private Future<DeviceOutcome> answer(HttpResponse<Buffer> response, String pushToken) {
    int status = response.statusCode();
    JsonObject json = jsonOrNull(response);
    if (status == 200 && json != null && json.getString("name") != null) {
      return Future.succeededFuture(new DeviceOutcome(new SendResult.Accepted(json.getString("name"), 1, 0), false));
    }
    FcmError error = FcmError.parse(status, json);
    return switch (error.action()) {
      case DROP_TOKEN -> devices.removeDeadToken(pushToken, error.errorCode())
          .transform(ar -> {
            if (ar.failed()) {
              LOG.warn("could not remove a dead push token: {}", ar.cause().getMessage());
            }
            return Future.succeededFuture(new DeviceOutcome(new SendResult.Permanent(error.describe()), true));
          });
      case RETRY -> Future.succeededFuture(new DeviceOutcome(new SendResult.Transient(error.describe(),
          HttpOutcomes.retryAfter(response.getHeader("Retry-After"), clock.instant()), status >= 500), false));
      case REFRESH_AUTH -> {
        tokens.invalidate();
        yield Future.succeededFuture(new DeviceOutcome(new SendResult.Transient(error.describe(), null, false), false));
      }
      case REFUSED -> Future.succeededFuture(new DeviceOutcome(new SendResult.Permanent(error.describe()), false));
    };
  }

  /** Accepted if any device took it; else transient if any may later; else permanent. */
  static SendResult combine(List<Future<DeviceOutcome>> sends) {
    SendResult.Accepted accepted = null;
    SendResult.Transient transientResult = null;
    int reached = 0;
    int dropped = 0;
    String refused = null;
    for (Future<DeviceOutcome> f : sends) {
      DeviceOutcome o = f.succeeded() ? f.result()
          : new DeviceOutcome(new SendResult.Transient("push failed: " + f.cause().getMessage(), null, true), false);
      switch (o.result()) {
        case SendResult.Accepted a -> {
          reached++;
          accepted = accepted == null ? a : accepted;
        }
        case SendResult.Transient t -> transientResult = later(transientResult, t);
        case SendResult.Permanent p -> {
          refused = p.reason();
          dropped += o.dropped() ? 1 : 0;
        }
      }
    }
    if (accepted != null) {
      return new SendResult.Accepted(accepted.providerMessageId(), reached, 0);
    }
    if (transientResult != null) {
      return transientResult;
    }
    return new SendResult.Permanent(dropped == sends.size()
        ? NO_APP + ": every device's push token was dead (" + refused + ")" : refused);
  }

  private static SendResult.Transient later(SendResult.Transient a, SendResult.Transient b) {
    if (a == null) {
      return b;
    }
    Duration ra = a.retryAfter() == null ? Duration.ZERO : a.retryAfter();
    Duration rb = b.retryAfter() == null ? Duration.ZERO : b.retryAfter();
    return rb.compareTo(ra) > 0 ? b : a;
  }

  private static JsonObject jsonOrNull(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
