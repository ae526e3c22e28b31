package vn.lienlac.api.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * The EC P-256 key that signs access tokens (ES256). Configured as a PKCS#8 PEM private key
 * ({@code LIENLAC_JWT_SIGNING_KEY}); the public half is derived from it, and its key id is a hash of
 * the public key, so every api process with the same key accepts the others' tokens.
 */
public final class SigningKey {

  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;
  private final String keyId;

  private SigningKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      this.keyId = HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new random key, for the demo and tests. */
  public static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
    }
  }

  /** Reads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) EC P-256 private key. */
  public static SigningKey fromPem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    if (base64.isEmpty() || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException("the JWT signing key must be a PKCS#8 PEM EC P-256 private key"
          + " (-----BEGIN PRIVATE KEY-----; convert with `openssl pkcs8 -topk8 -nocrypt`)");
    }
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      ECPrivateKey key = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      if (key.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IllegalArgumentException("the JWT signing key must be on curve P-256");
      }
      return new SigningKey(key, publicOf(key, ec));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("the JWT")) {
        throw iae;
      }
      throw new IllegalArgumentException("the JWT signing key is not a readable PKCS#8 EC private key: " + e.getMessage());
    }
  }

  public String toPem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(privateKey.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  ECPrivateKey privateKey() {
    return privateKey;
  }

  ECPublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  private static ECPublicKey publicOf(ECPrivateKey key, KeyFactory ec) throws GeneralSecurityException {
    ECNamedCurveParameterSpec p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
    org.bouncycastle.math.ec.ECPoint q = p256.getG().multiply(key.getS()).normalize();
    ECPoint w = new ECPoint(new BigInteger(1, q.getAffineXCoord().getEncoded()),
        new BigInteger(1, q.getAffineYCoord().getEncoded()));
    return (ECPublicKey) ec.generatePublic(new ECPublicKeySpec(w, key.getParams()));
  }
}
