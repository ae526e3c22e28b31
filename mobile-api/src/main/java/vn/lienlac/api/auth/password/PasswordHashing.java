package vn.lienlac.api.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Staff passwords stored as Argon2id in the PHC string format
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, unpadded base64), so that the cost can be raised
 * later and old hashes still verify ({@link #needsRehash}). CPU-heavy by design: run it off the event
 * loop.
 */
public final class PasswordHashing {

  private static final Pattern PHC =
      Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Argon2id.Cost cost;
  private final SecureRandom random = new SecureRandom();

  public PasswordHashing(Argon2id.Cost cost) {
    this.cost = cost;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = Argon2id.hash(bytes(password), salt, null, null, cost, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
        + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** False for a wrong password and for a stored value that is not a well-formed Argon2id hash. */
  public boolean verify(String password, String stored) {
    Matcher m = stored == null ? null : PHC.matcher(stored);
    if (m == null || !m.matches()) {
      return false;
    }
    try {
      Argon2id.Cost storedCost = new Argon2id.Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
      byte[] salt = Base64.getDecoder().decode(m.group(4));
      byte[] expected = Base64.getDecoder().decode(m.group(5));
      byte[] actual = Argon2id.hash(bytes(password), salt, null, null, storedCost, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public boolean needsRehash(String stored) {
    Matcher m = PHC.matcher(stored);
    return !m.matches() || Integer.parseInt(m.group(1)) < cost.memoryKib()
        || Integer.parseInt(m.group(2)) < cost.iterations() || Integer.parseInt(m.group(3)) != cost.parallelism();
  }

  private static byte[] bytes(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }
}
