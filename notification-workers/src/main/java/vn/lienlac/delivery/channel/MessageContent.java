package vn.lienlac.delivery.channel;

/**
 * The message a recipient attempt delivers to one guardian.
 *
 * @param priority {@code normal}, {@code important} or {@code emergency}
 * @param language the guardian's language ({@code vi}, {@code en}), for channels that render text
 */
public record MessageContent(long messageId, long guardianId, String title, String body, String priority,
                             String language, String schoolCode) {

  /** Important and emergency messages wake the phone (FCM android.priority high, APNs priority 10). */
  public boolean urgent() {
    return !"normal".equals(priority);
  }
}
