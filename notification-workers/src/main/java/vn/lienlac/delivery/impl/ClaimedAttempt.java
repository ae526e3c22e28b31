package vn.lienlac.delivery.impl;

import java.util.Map;
import vn.lienlac.delivery.channel.MessageContent;

/**
 * An attempt this worker holds the lease of, with what it delivers: a notice (template, params) or a
 * message to one guardian ({@code message} non-null; {@code phoneE164} is then the guardian's).
 *
 * @param messageStatus the message's status (a recalled message is not delivered any more)
 */
public record ClaimedAttempt(long id, String channel, int attemptsMade, String phoneE164, String template,
                             Map<String, String> params, String language, MessageContent message,
                             String messageStatus) {

  public boolean forRecipient() {
    return message != null;
  }
}
