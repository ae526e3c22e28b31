package vn.lienlac.delivery.channel;

import io.vertx.core.Future;
import java.util.List;

/**
 * One way of reaching a person through one provider account: SMS by eSMS or Twilio today; push, ZNS
 * and Zalo OA later. An adapter speaks the provider's wire protocol and classifies every outcome into
 * a {@link SendResult}; it never retries by itself (the worker decides, from the durable attempt row).
 */
public interface Channel {

  /** The channel of the attempt rows this adapter serves: {@code sms}, {@code push}, {@code zns}, {@code zalo_oa}. */
  String kind();

  /** The provider, recorded on the attempt: {@code esms}, {@code twilio}, … */
  String provider();

  /**
   * True when the provider deduplicates on our key ({@link Outbound#attemptId}), so sending again after
   * a crash cannot reach the person twice. False means an interrupted send becomes {@code unknown}.
   */
  boolean idempotent();

  /** Names the provider account for the shared rate limit, without revealing its secrets. */
  String rateLimitKey();

  Future<SendResult> send(Outbound message);

  /**
   * Sends a batch concurrently, one result per message in the same order; a send that failed outright
   * becomes a transient result that may have reached the provider. Adapters override it where a batch
   * saves work per message (push looks up every guardian's devices in one query).
   */
  default Future<List<SendResult>> sendAll(List<Outbound> messages) {
    List<Future<SendResult>> sends = messages.stream().map(this::send).toList();
    return Future.join(sends).transform(v -> Future.succeededFuture(sends.stream()
        .map(f -> f.succeeded() ? f.result()
            : (SendResult) new SendResult.Transient(provider() + " send failed: " + f.cause().getMessage(), null, true))
        .toList()));
  }
}
