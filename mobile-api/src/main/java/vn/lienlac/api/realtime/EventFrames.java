package vn.lienlac.api.realtime;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The text frames of the protocol, and the Redis message that carries an event frame between
 * processes: {@code <subject> <id>\n<frame>}. The frame is encoded once by the publisher and written
 * as is to every device of the user, so a subscriber parses only the short first line.
 */
final class EventFrames {

  private EventFrames() {}

  /** A delivered event as the app sees it. */
  record Event(String subject, long id, String frame) {}

  static String event(long id, String type, Instant at, Object data) {
    return new JsonObject().put("type", "event").put("id", id).put("event", type).put("at", at.toString())
        .put("data", data).encode();
  }

  static String ready(long lastEventId, boolean replayComplete) {
    return new JsonObject().put("type", "ready").put("lastEventId", lastEventId).put("replayComplete", replayComplete)
        .encode();
  }

  static String toRedis(Event e) {
    return e.subject() + ' ' + e.id() + '\n' + e.frame();
  }

  /**
   * A chunk of a district-wide expansion committed: recipients of {@code messageId} among the guardians in
   * ({@code afterGuardian}, {@code upToGuardian}]. On Redis {@code ~recipients <message> <after> <upTo>}:
   * no newline, so {@link #fromRedis} of a process that does not know it skips it.
   */
  record RecipientsAdded(long messageId, long afterGuardian, long upToGuardian) {}

  private static final String RECIPIENTS_ADDED = "~recipients ";

  static String toRedis(RecipientsAdded r) {
    return RECIPIENTS_ADDED + r.messageId() + ' ' + r.afterGuardian() + ' ' + r.upToGuardian();
  }

  /** @return the range, or null when the message is something else */
  static RecipientsAdded recipientsAdded(String message) {
    if (!message.startsWith(RECIPIENTS_ADDED)) {
      return null;
    }
    String[] parts = message.substring(RECIPIENTS_ADDED.length()).split(" ");
    try {
      return parts.length != 3 ? null
          : new RecipientsAdded(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** @return the event, or null when the message is not one of ours (another writer on the channel) */
  static Event fromRedis(String message) {
    int newline = message.indexOf('\n');
    int space = newline < 0 ? -1 : message.lastIndexOf(' ', newline);
    if (space <= 0) {
      return null;
    }
    try {
      long id = Long.parseLong(message, space + 1, newline, 10);
      return new Event(message.substring(0, space), id, message.substring(newline + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
