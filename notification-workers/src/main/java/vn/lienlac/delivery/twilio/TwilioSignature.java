package vn.lienlac.delivery.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the account's auth token, over the full
 * public URL followed by every POST parameter sorted by name as name + value. Twilio may have signed
 * the URL with or without the default port, so both forms are tried. Compared in constant time.
 */
public final class TwilioSignature {

  private TwilioSignature() {}

  public static String sign(String url, Map<String, String> params, String authToken) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 unavailable", e);
    }
  }

  public static boolean verify(String url, Map<String, String> params, String authToken, String signature) {
    if (signature == null || signature.isBlank()) {
      return false;
    }
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    for (String candidate : new String[] {url, withDefaultPort(url), withoutDefaultPort(url)}) {
      if (candidate != null
          && MessageDigest.isEqual(sign(candidate, params, authToken).getBytes(StandardCharsets.US_ASCII), given)) {
        return true;
      }
    }
    return false;
  }

  private static String withDefaultPort(String url) {
    URI uri = URI.create(url);
    if (uri.getPort() != -1) {
      return null;
    }
    int port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getScheme() + "://" + uri.getRawAuthority() + ":" + port + rest(uri);
  }

  private static String withoutDefaultPort(String url) {
    URI uri = URI.create(url);
    boolean isDefault = (uri.getPort() == 443 && "https".equalsIgnoreCase(uri.getScheme()))
        || (uri.getPort() == 80 && "http".equalsIgnoreCase(uri.getScheme()));
    if (!isDefault) {
      return null;
    }
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    return uri.getScheme() + "://" + userInfo + uri.getHost() + rest(uri);
  }

  private static String rest(URI uri) {
    return (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
