package vn.lienlac.api.v1;

import java.util.List;
import vn.lienlac.api.access.MeFeature;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.auth.RevokedSessions;
import vn.lienlac.api.realtime.RealtimeFeature;

/** Every capability of {@code /api/v1}, wired explicitly: the one place to see what the API offers. */
public final class ApiFeatures {

  private ApiFeatures() {}

  public static List<ApiFeature> all(ApiDependencies deps) {
    return List.of(new MeFeature(), new RealtimeFeature(deps.realtime().hub(), authentication(deps)));
  }

  public static Authentication authentication(ApiDependencies deps) {
    return new Authentication(deps.tokens(), RevokedSessions.NONE);
  }
}
