package vn.lienlac.messaging.inbound;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;

/**
 * Text a guardian sent over another channel (a Zalo message to the school's OA), on its way to their
 * thread with the teacher. Stored durably first ({@code messaging.inbound_reply}), so nothing is lost
 * while the threads feature picks it up; the same provider message is stored once.
 */
public interface InboundReplies {

  static InboundReplies create() {
    return new StoredInboundReplies();
  }

  /**
   * Within the caller's transaction.
   *
   * @param channel {@code zalo} or {@code sms}
   * @param externalId the provider's id of the message (deduplicates retried webhooks)
   * @return the stored reply's id, or null when this message was stored before
   */
  Future<Long> fromGuardian(SqlConnection tx, long guardianId, String channel, String externalId, String text,
                            Instant receivedAt);
}
