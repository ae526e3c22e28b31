package vn.lienlac.delivery.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HttpOutcomesTest {

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void retry_after_is_read_as_seconds_or_as_an_http_date_and_never_negative() {
    assertThat(HttpOutcomes.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpOutcomes.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpOutcomes.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(HttpOutcomes.retryAfter("-5", NOW)).isEqualTo(Duration.ZERO);
    assertThat(HttpOutcomes.retryAfter("soon", NOW)).isNull();
    assertThat(HttpOutcomes.retryAfter(null, NOW)).isNull();
  }

  @Test
  void a_connection_never_made_cannot_have_sent_but_a_timeout_may_have() {
    assertThat(HttpOutcomes.noAnswer("eSMS", new ConnectException("refused")).maybeSent()).isFalse();
    assertThat(HttpOutcomes.noAnswer("eSMS", new TimeoutException("slow")).maybeSent()).isTrue();
  }
}
