package vn.lienlac.delivery.zalo;

import java.time.Duration;

/**
 * A Zalo Official Account and the app it is connected through.
 *
 * @param openApiBase {@code https://openapi.zalo.me} (OA messages), or a sandbox twin
 * @param znsBase {@code https://business.openapi.zalo.me} (ZNS), or a sandbox twin
 * @param oauthBase {@code https://oauth.zaloapp.com} (token refresh), or a sandbox twin
 * @param appSecretProof send the optional {@code appsecret_proof} header
 * @param refreshAhead how long before expiry the access token is refreshed
 */
public record ZaloOaAccount(String oaId, String appId, String appSecret, String openApiBase, String znsBase,
                            String oauthBase, boolean appSecretProof, Duration refreshAhead, Duration requestTimeout) {

  @Override
  public String toString() {
    return "ZaloOaAccount[" + oaId + ", app " + appId + "]";
  }
}
