package vn.lienlac.api.audit;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One audited change: who ({@link AuditActor}), what ({@code action} on {@code resourceType}
 * {@code resourceId}), which school it concerns, and the resource before and after. Before/after hold
 * what a principal needs to see what changed; never secrets (password hashes, codes, tokens).
 *
 * @param action what happened, lower case with dots, e.g. {@code staff_account.role_changed}
 * @param resourceType what it happened to, e.g. {@code staff_account}, {@code invoice}
 * @param schoolCode the school the change concerns; the actor's school unless said otherwise
 * @param before the resource before the change (null when created)
 * @param after the resource after the change (null when deleted)
 */
public record AuditEntry(AuditActor actor, String action, String resourceType, String resourceId,
                         String schoolCode, JsonObject before, JsonObject after) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    if (action == null || !NAME.matcher(action).matches()) {
      throw new IllegalArgumentException("audit action must look like 'staff_account.role_changed', got '" + action + "'");
    }
    if (resourceType == null || !NAME.matcher(resourceType).matches()) {
      throw new IllegalArgumentException("audit resource type must look like 'staff_account', got '" + resourceType + "'");
    }
  }

  /** An entry about a resource of the actor's own school; add {@link #change} and, if needed, {@link #atSchool}. */
  public static AuditEntry of(AuditActor actor, String action, String resourceType, String resourceId) {
    return new AuditEntry(actor, action, resourceType, resourceId, actor.schoolCode(), null, null);
  }

  public AuditEntry change(JsonObject before, JsonObject after) {
    return new AuditEntry(actor, action, resourceType, resourceId, schoolCode, before, after);
  }

  /** The school the change concerns, when not the actor's (a district officer acting on a school). */
  public AuditEntry atSchool(String school) {
    return new AuditEntry(actor, action, resourceType, resourceId, school, before, after);
  }
}
