package vn.lienlac.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private static final TrustedProxies LOCAL_AND_LB = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, fd00::/8");

  @Test
  void without_trusted_proxies_the_socket_address_counts_whatever_the_header_says() {
    assertThat(ClientAddress.resolve("198.51.100.9", List.of("203.0.113.7"), TrustedProxies.NONE)).isEqualTo("198.51.100.9");
    assertThat(ClientAddress.resolve("127.0.0.1", List.of("203.0.113.7"), TrustedProxies.parse("none"))).isEqualTo("127.0.0.1");
  }

  @Test
  void a_request_not_from_a_trusted_proxy_cannot_choose_its_address() {
    assertThat(ClientAddress.resolve("198.51.100.9", List.of("203.0.113.7"), LOCAL_AND_LB)).isEqualTo("198.51.100.9");
  }

  @Test
  void behind_trusted_proxies_the_rightmost_address_that_is_not_a_proxy_is_the_client() {
    assertThat(ClientAddress.resolve("10.1.2.3", List.of("203.0.113.7"), LOCAL_AND_LB)).isEqualTo("203.0.113.7");
    // The client forged a first entry; the load balancer appended the real one, then an inner proxy its own.
    assertThat(ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6, 203.0.113.7", "10.0.0.5"), LOCAL_AND_LB))
        .isEqualTo("203.0.113.7");
    assertThat(ClientAddress.resolve("10.1.2.3", List.of(), LOCAL_AND_LB)).isEqualTo("10.1.2.3");
    assertThat(ClientAddress.resolve("10.1.2.3", List.of("2001:db8::1"), LOCAL_AND_LB)).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void an_entry_that_is_not_an_ip_literal_stops_the_walk_and_is_never_looked_up() {
    assertThat(ClientAddress.resolve("10.1.2.3", List.of("203.0.113.7, localhost"), LOCAL_AND_LB)).isEqualTo("10.1.2.3");
    assertThat(ClientAddress.resolve("10.1.2.3", List.of("evil.example, 10.0.0.9"), LOCAL_AND_LB)).isEqualTo("10.0.0.9");
    assertThat(TrustedProxies.literal("1.2.3")).isNull();
    assertThat(TrustedProxies.literal("example.com")).isNull();
  }

  @Test
  void trusted_proxy_ranges_match_by_prefix_and_bad_entries_are_named() {
    assertThat(LOCAL_AND_LB.contains("10.255.0.1")).isTrue();
    assertThat(LOCAL_AND_LB.contains("11.0.0.1")).isFalse();
    assertThat(LOCAL_AND_LB.contains("fd12::1")).isTrue();
    assertThat(TrustedProxies.parse("192.168.1.0/25").contains("192.168.1.127")).isTrue();
    assertThat(TrustedProxies.parse("192.168.1.0/25").contains("192.168.1.128")).isFalse();
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.internal")).hasMessageContaining("proxy.internal");
  }

  @Test
  void the_resolver_records_the_address_for_the_request_over_real_http() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      for (var c : List.of(new Object[] {TrustedProxies.NONE, "127.0.0.1"}, new Object[] {TrustedProxies.parse("127.0.0.1"), "203.0.113.7"})) {
        Router router = Router.router(vertx);
        router.route().handler(ClientAddress.resolver((TrustedProxies) c[0]));
        router.route().handler(ctx -> ctx.end(ClientAddress.of(ctx)));
        var server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.actualPort() + "/")).header("X-Forwarded-For", "203.0.113.7").build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo(c[1]);
        server.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
