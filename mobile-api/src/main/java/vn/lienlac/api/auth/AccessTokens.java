package vn.lienlac.api.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Short-lived access tokens: compact JWTs signed with ES256 ({@link SigningKey}). They carry who the
 * caller is ({@link Caller}), never what they may see: that is decided from the directory on every
 * request. Verification accepts only ES256 with our key id, our issuer, and an unexpired token.
 */
public final class AccessTokens {

  public static final String ISSUER = "lienlac";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
  private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
  /** Clocks of api processes may differ a little. */
  private static final long LEEWAY_SECONDS = 30;
  /** Tokens remembered as verified: about 0.5 KiB each, so at most ~25 MiB of heap. */
  static final int VERIFIED_CAPACITY = 50_000;

  /** Thrown for any token that must not be accepted; the message says why (for logs, not clients). */
  public static final class InvalidToken extends Exception {
    public InvalidToken(String why) {
      super(why, null, false, false);
    }
  }

  private final SigningKey key;
  private final Duration lifetime;
  private final Clock clock;
  private final String header;
  private final VerifiedTokens verified = new VerifiedTokens(VERIFIED_CAPACITY, LEEWAY_SECONDS);

  public AccessTokens(SigningKey key, Duration lifetime, Clock clock) {
    this.key = key;
    this.lifetime = lifetime;
    this.clock = clock;
    this.header = B64.encodeToString(new JsonObject().put("alg", "ES256").put("typ", "JWT").put("kid", key.keyId())
        .encode().getBytes(StandardCharsets.UTF_8));
  }

  public Duration lifetime() {
    return lifetime;
  }

  public String issue(Caller caller) {
    long now = clock.instant().getEpochSecond();
    JsonObject claims = new JsonObject()
        .put("iss", ISSUER)
        .put("sub", caller.subject())
        .put("sid", caller.sessionId())
        .put("iat", now)
        .put("exp", now + lifetime.toSeconds())
        .put("jti", UUID.randomUUID().toString());
    if (caller.role() != null) {
      claims.put("role", caller.role().code());
    }
    putIfPresent(claims, "school", caller.schoolCode());
    putIfPresent(claims, "district", caller.districtCode());
    putIfPresent(claims, "teacher", caller.teacherCode());
    String signingInput = header + "." + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + B64.encodeToString(sign(signingInput));
  }

  public Caller verify(String token) throws InvalidToken {
    if (token == null || token.length() > 4096) {
      throw new InvalidToken("missing or oversized token");
    }
    long now = clock.instant().getEpochSecond();
    Caller known = verified.get(token, now);
    if (known != null) {
      return known;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidToken("not a compact JWS");
    }
    JsonObject head = json(parts[0]);
    if (!"ES256".equals(head.getValue("alg")) || !key.keyId().equals(head.getValue("kid"))) {
      throw new InvalidToken("wrong algorithm or key id");
    }
    if (!signatureValid(parts[0] + "." + parts[1], parts[2])) {
      throw new InvalidToken("bad signature");
    }
    JsonObject claims = json(parts[1]);
    if (!ISSUER.equals(claims.getValue("iss"))) {
      throw new InvalidToken("wrong issuer");
    }
    if (!(claims.getValue("exp") instanceof Number exp) || exp.longValue() + LEEWAY_SECONDS < now) {
      throw new InvalidToken("expired");
    }
    Caller caller;
    try {
      caller = caller(claims);
    } catch (RuntimeException e) {
      throw new InvalidToken("unusable claims: " + e.getMessage());
    }
    verified.put(token, caller, exp.longValue(), now);
    return caller;
  }

  private static Caller caller(JsonObject claims) {
    String sub = claims.getString("sub");
    String sid = claims.getString("sid");
    long id = Long.parseLong(sub.substring(2));
    if (sub.startsWith("g:")) {
      return Caller.guardian(id, sid);
    }
    if (sub.startsWith("s:")) {
      return Caller.staff(id, StaffRole.fromCode(claims.getString("role")), claims.getString("school"),
          claims.getString("district"), claims.getString("teacher"), sid);
    }
    throw new IllegalArgumentException("unknown subject kind");
  }

  private byte[] sign(String input) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key.privateKey());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
  }

  private boolean signatureValid(String input, String signature) throws InvalidToken {
    try {
      byte[] raw = UNB64.decode(signature);
      if (raw.length != 64) {
        return false;
      }
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key.publicKey());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return s.verify(raw);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidToken("unreadable signature");
    }
  }

  private static JsonObject json(String part) throws InvalidToken {
    try {
      return new JsonObject(new String(UNB64.decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new InvalidToken("unreadable token part");
    }
  }

  private static void putIfPresent(JsonObject o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }
}
