package vn.lienlac.api.audit;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.ClientAddress;
import vn.lienlac.api.http.RequestIds;

/**
 * Who did it, from where: the signed-in caller of a request, or an operator at the command line.
 *
 * @param subject {@code s:<staff account id>}, {@code g:<guardian id>}, or {@code cli:<operator>}
 * @param role the staff role code, {@code guardian}, or {@code operator}
 * @param schoolCode the actor's school (null for district officers, guardians and operators)
 * @param districtCode the actor's district, used when the change concerns no school
 * @param ip the client address ({@link ClientAddress}), null at the command line
 * @param requestId the request's id, also in the log line; null at the command line
 */
public record AuditActor(String subject, String role, String schoolCode, String districtCode, String ip,
                         String requestId) {

  public AuditActor {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
  }

  /** The caller of an authenticated request, with the request's client address and id. */
  public static AuditActor of(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    return new AuditActor(caller.subject(), Reach.roleOf(caller), caller.schoolCode(), caller.districtCode(),
        ClientAddress.of(ctx), RequestIds.of(ctx));
  }

  /** Someone acting through {@code ./lienlac} on a server (e.g. {@code staff add}); {@code who} is their OS user. */
  public static AuditActor operator(String who, String districtCode) {
    return new AuditActor("cli:" + who, "operator", null, districtCode, null, null);
  }
}
