package vn.lienlac.api.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  @Test
  void argon2id_gives_the_rfc_9106_test_vector() {
    byte[] password = new byte[32];
    Arrays.fill(password, (byte) 1);
    byte[] salt = new byte[16];
    Arrays.fill(salt, (byte) 2);
    byte[] secret = new byte[8];
    Arrays.fill(secret, (byte) 3);
    byte[] associated = new byte[12];
    Arrays.fill(associated, (byte) 4);

    byte[] tag = Argon2id.hash(password, salt, secret, associated, new Argon2id.Cost(32, 3, 4), 32);

    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void a_stored_hash_verifies_its_password_and_nothing_else() {
    PasswordHashing hashing = new PasswordHashing(new Argon2id.Cost(1024, 1, 1));
    String stored = hashing.hash("Mật khẩu rất dài 2026!");

    assertThat(stored).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(hashing.verify("Mật khẩu rất dài 2026!", stored)).isTrue();
    assertThat(hashing.verify("Mat khau rat dai 2026!", stored)).isFalse();
    assertThat(hashing.hash("Mật khẩu rất dài 2026!")).as("a fresh salt every time").isNotEqualTo(stored);
  }

  @Test
  void a_hash_made_with_weaker_settings_is_reported_for_rehashing() {
    PasswordHashing old = new PasswordHashing(new Argon2id.Cost(1024, 1, 1));
    PasswordHashing current = new PasswordHashing(new Argon2id.Cost(2048, 2, 1));

    assertThat(current.needsRehash(old.hash("x"))).isTrue();
    assertThat(current.needsRehash(current.hash("x"))).isFalse();
  }

  @Test
  void a_malformed_stored_hash_is_an_error_not_a_match() {
    PasswordHashing hashing = new PasswordHashing(new Argon2id.Cost(1024, 1, 1));
    assertThat(hashing.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$bm90LWJhc2U2NA")).isFalse();
    assertThatThrownBy(() -> new Argon2id.Cost(4, 1, 1)).hasMessageContaining("memory");
  }
}
