package vn.lienlac.api.v1;

import java.util.List;
import vn.lienlac.api.access.MeFeature;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.devices.DevicesFeature;
import vn.lienlac.api.signin.SignInFeature;

/** Every capability of {@code /api/v1}, wired explicitly: the one place to see what the API offers. */
public final class ApiFeatures {

  private ApiFeatures() {}

  public static List<ApiFeature> all(ApiDependencies deps) {
    return List.of(new MeFeature(), new SignInFeature(deps), new DevicesFeature(deps));
  }

  public static Authentication authentication(ApiDependencies deps) {
    return new Authentication(deps.tokens(), SignInFeature.revocation(deps));
  }
}
