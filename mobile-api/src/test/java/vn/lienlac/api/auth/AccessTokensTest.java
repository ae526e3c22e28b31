package vn.lienlac.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-22T08:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final AccessTokens tokens = new AccessTokens(SigningKey.generate(), Duration.ofMinutes(15), clock);

  @Test
  void a_token_verified_once_is_remembered_and_still_expires() throws Exception {
    String token = tokens.issue(Caller.guardian(42, "session"));
    assertThat(tokens.verify(token).subject()).isEqualTo("g:42");
    assertThat(tokens.verify(token).sessionId()).isEqualTo("session");

    clock.now = clock.now.plus(Duration.ofMinutes(16));

    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(AccessTokens.InvalidToken.class).hasMessage("expired");
  }

  @Test
  void a_token_altered_after_a_remembered_one_is_verified_afresh_and_refused() throws Exception {
    String token = tokens.issue(Caller.guardian(42, "session"));
    tokens.verify(token);
    String[] parts = token.split("\\.");
    String otherClaims = tokens.issue(Caller.guardian(43, "session")).split("\\.")[1];

    assertThatThrownBy(() -> tokens.verify(parts[0] + "." + otherClaims + "." + parts[2]))
        .isInstanceOf(AccessTokens.InvalidToken.class).hasMessage("bad signature");
  }

  @Test
  void the_memory_of_verified_tokens_is_bounded() {
    VerifiedTokens verified = new VerifiedTokens(3, 0);
    for (int i = 0; i < 10; i++) {
      verified.put("t" + i, Caller.guardian(i, "s"), 100, 50);
    }
    assertThat(verified.size()).isLessThanOrEqualTo(3);
    assertThat(verified.get("t9", 50)).isNotNull();
    assertThat(verified.get("t9", 101)).isNull();
  }
}
