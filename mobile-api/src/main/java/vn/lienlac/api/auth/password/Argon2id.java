package vn.lienlac.api.auth.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106, version 0x13) through Bouncy Castle's implementation. */
public final class Argon2id {

  /**
   * @param memoryKib memory in KiB (m)
   * @param iterations passes (t)
   * @param parallelism lanes (p)
   */
  public record Cost(int memoryKib, int iterations, int parallelism) {
    /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Cost RECOMMENDED = new Cost(19 * 1024, 2, 1);

    public Cost {
      if (parallelism < 1 || iterations < 1) {
        throw new IllegalArgumentException("Argon2id needs at least 1 pass and 1 lane");
      }
      if (memoryKib < 8 * parallelism) {
        throw new IllegalArgumentException("Argon2id memory must be at least 8 KiB per lane, got " + memoryKib);
      }
    }
  }

  private Argon2id() {}

  public static byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Cost cost,
      int length) {
    Argon2Parameters.Builder params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(cost.memoryKib())
        .withIterations(cost.iterations())
        .withParallelism(cost.parallelism());
    if (secret != null) {
      params.withSecret(secret);
    }
    if (associatedData != null) {
      params.withAdditional(associatedData);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params.build());
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
