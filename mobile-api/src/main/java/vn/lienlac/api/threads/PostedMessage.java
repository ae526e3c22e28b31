package vn.lienlac.api.threads;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * A message just stored in a thread.
 *
 * @param deliverAfter when the staff member gets it (a guardian's message outside office hours), else null
 * @param autoReply the auto-reply the guardian got for it (once per closed period), else null
 */
record PostedMessage(long id, long threadId, OffsetDateTime createdAt, OffsetDateTime deliverAfter,
                     JsonObject autoReply) {

  JsonObject toJson(String authorKind, String authorName, String body) {
    JsonObject json = new JsonObject().put("id", id).put("threadId", threadId)
        .put("author", new JsonObject().put("kind", authorKind).put("name", authorName))
        .put("body", body).put("createdAt", createdAt.toInstant().toString()).put("mine", true)
        .put("deliverAfter", deliverAfter == null ? null : deliverAfter.toInstant().toString());
    if (autoReply != null) {
      json.put("autoReply", autoReply);
    }
    return json;
  }
}
