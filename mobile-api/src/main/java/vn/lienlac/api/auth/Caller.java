package vn.lienlac.api.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Who is calling, as proven by a valid access token. A guardian is a row of {@code directory.guardian};
 * staff are accounts of ours with one role, tied to a school (all but district officers) and, for
 * teachers, to their {@code directory.teacher} code. Authorization (package {@code access}) decides
 * from this and the directory what the caller may see.
 *
 * @param accountId the guardian id for guardians, the staff account id for staff
 * @param role {@code null} for guardians
 * @param schoolCode the staff member's school; {@code null} for guardians and district officers
 * @param teacherCode the directory teacher code of a teacher; {@code null} otherwise
 * @param sessionId the sign-in session (refresh-token family) the access token belongs to
 */
public record Caller(Kind kind, long accountId, StaffRole role, String schoolCode, String districtCode,
                     String teacherCode, String sessionId) {

  public enum Kind { GUARDIAN, STAFF }

  private static final String KEY = "lienlac.caller";

  public Caller {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sessionId, "sessionId");
    if ((kind == Kind.STAFF) != (role != null)) {
      throw new IllegalArgumentException("staff have exactly one role; guardians none");
    }
  }

  public static Caller guardian(long guardianId, String sessionId) {
    return new Caller(Kind.GUARDIAN, guardianId, null, null, null, null, sessionId);
  }

  public static Caller staff(long accountId, StaffRole role, String schoolCode, String districtCode,
                             String teacherCode, String sessionId) {
    return new Caller(Kind.STAFF, accountId, role, schoolCode, districtCode, teacherCode, sessionId);
  }

  public boolean isGuardian() {
    return kind == Kind.GUARDIAN;
  }

  public boolean is(StaffRole r) {
    return role == r;
  }

  /** The token subject: {@code g:<guardian id>} or {@code s:<staff account id>}. */
  public String subject() {
    return (kind == Kind.GUARDIAN ? "g:" : "s:") + accountId;
  }

  /** The caller of an authenticated request; only routes behind {@link Authentication} have one. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("route has no authenticated caller: is it behind Authentication?");
    }
    return caller;
  }

  /** The caller when the request was authenticated, otherwise null (public operations). */
  public static Caller find(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }
}
