package vn.lienlac.api.v1;

import java.util.List;
import vn.lienlac.api.access.MeFeature;
import vn.lienlac.api.audit.AuditFeature;
import vn.lienlac.api.directory.ClassViews;
import vn.lienlac.api.directory.SchoolProfiles;
import vn.lienlac.api.directory.StudentCards;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.devices.DevicesFeature;
import vn.lienlac.api.messages.MessagesFeature;
import vn.lienlac.api.signin.SignInFeature;
import vn.lienlac.api.auth.RevokedSessions;
import vn.lienlac.api.realtime.RealtimeFeature;

/** Every capability of {@code /api/v1}, wired explicitly: the one place to see what the API offers. */
public final class ApiFeatures {

  private ApiFeatures() {}

  public static List<ApiFeature> all(ApiDependencies deps) {
    return List.of(new MeFeature(deps.pool()),
        new StudentCards(deps.pool()), new ClassViews(deps.pool()), new SchoolProfiles(deps.pool()),
        new AuditFeature(deps.pool()),
        new SignInFeature(deps), new DevicesFeature(deps),
        new MessagesFeature(deps.pool(), deps.clock()),
        new RealtimeFeature(deps.realtime().hub(), authentication(deps)));
  }

  public static Authentication authentication(ApiDependencies deps) {
    return new Authentication(deps.tokens(), SignInFeature.revocation(deps));
  }
}
