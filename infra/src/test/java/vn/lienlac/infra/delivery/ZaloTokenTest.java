package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.zalo.ZaloTokens;

/**
 * OA access tokens against the Zalo twin's OAuth, which refuses a refresh token used twice (as Zalo
 * does): a test in which any process reuses one fails on the twin's refusal.
 */
class ZaloTokenTest {

  ZaloFixture f;

  @BeforeEach
  void start() {
    f = new ZaloFixture("zalo_token");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  String stored(String column) {
    return f.d.pool.preparedQuery("SELECT " + ("access".equals(column) ? "access_token" : "refresh_token")
        + " FROM delivery.zalo_oa_token WHERE oa_id = $1").execute(io.vertx.sqlclient.Tuple.of(f.oa.oaId()))
        .await().iterator().next().getString(0);
  }

  @Test
  void a_token_is_refreshed_when_it_nears_expiry_and_reused_while_it_is_fresh() {
    ZaloTokens tokens = f.tokens();
    String first = tokens.accessToken(f.oa).await();
    String again = tokens.accessToken(f.oa).await();
    assertThat(again).isEqualTo(first);
    assertThat(f.twin.refreshes()).isEqualTo(1);
    String refresh = stored("refresh");

    // 30 minutes left, under the hour ahead of expiry at which we refresh.
    f.d.execute("UPDATE delivery.zalo_oa_token SET expires_at = now() + interval '30 minutes'");
    String renewed = tokens.accessToken(f.oa).await();

    assertThat(renewed).isNotEqualTo(first).isEqualTo(stored("access"));
    assertThat(stored("refresh")).isNotEqualTo(refresh);
    assertThat(f.twin.refreshes()).isEqualTo(2);
    assertThat(f.twin.reusedRefreshTokens()).isZero();
  }

  @Test
  void two_processes_refreshing_at_once_make_one_refresh_and_both_use_the_new_token() {
    Vertx other = Vertx.vertx();
    Pool otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(f.d.url.uri())).using(other).build();
    try {
      f.d.control(new io.vertx.core.json.JsonObject().put("provider", "zalo_oauth").put("latencyMs", 300));
      ZaloTokens one = f.tokens();
      ZaloTokens two = f.tokens(other, otherPool);
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(one.accessToken(f.oa));
        calls.add(two.accessToken(f.oa));
      }
      Future.all(calls).await();

      Set<String> seen = new HashSet<>();
      calls.forEach(c -> seen.add(c.result()));
      assertThat(seen).containsExactly(stored("access"));
      assertThat(f.twin.refreshes()).isEqualTo(1);
      assertThat(f.twin.reusedRefreshTokens()).isZero();
    } finally {
      other.close().await();
    }
  }

  @Test
  void after_zalo_refuses_a_token_both_processes_replace_it_with_one_refresh() {
    Vertx other = Vertx.vertx();
    Pool otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(f.d.url.uri())).using(other).build();
    try {
      ZaloTokens one = f.tokens();
      ZaloTokens two = f.tokens(other, otherPool);
      String rejected = one.accessToken(f.oa).await();

      Future<String> a = one.replace(f.oa, rejected);
      Future<String> b = two.replace(f.oa, rejected);
      Future.all(a, b).await();

      assertThat(a.result()).isEqualTo(b.result()).isNotEqualTo(rejected).isEqualTo(stored("access"));
      assertThat(f.twin.refreshes()).isEqualTo(2);
      assertThat(f.twin.reusedRefreshTokens()).isZero();
    } finally {
      other.close().await();
    }
  }

  @Test
  void set_token_after_a_lost_refresh_token_lets_the_next_send_refresh_again() {
    ZaloTokens tokens = f.tokens();
    tokens.accessToken(f.oa).await();
    // The stored refresh token lost (a crash between Zalo's answer and storing): Zalo refuses the old one.
    f.d.execute("UPDATE delivery.zalo_oa_token SET refresh_token = 'lost', expires_at = now()");
    assertThatThrownBy(() -> tokens.accessToken(f.oa).await()).hasMessageContaining("refused to refresh");

    ZaloTokens.install(f.d.pool, f.oa.oaId(), f.oa.appId(), f.twin.authorise()).await();

    assertThat(tokens.accessToken(f.oa).await()).isEqualTo(stored("access"));
  }
}
