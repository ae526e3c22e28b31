package vn.lienlac.messaging.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.db.SchemaMigrations.ModuleSchema;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.MessagingSchema;

/** Against a real PostgreSQL with the messaging schema migrated (no delivery schema: storage only). */
class NoticesTest {

  Vertx vertx;
  PgUrl url;
  Pool pool;
  Notices notices;

  @BeforeEach
  void database() {
    vertx = Vertx.vertx();
    url = TestServices.freshDatabase("notices");
    new SchemaMigrations(url, List.of(new ModuleSchema(MessagingSchema.NAME, MessagingSchema.MIGRATIONS))).migrate();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(url.uri())).using(vertx).build();
    notices = Notices.create(pool);
  }

  @AfterEach
  void close() {
    pool.close().await();
    vertx.close().await();
    TestServices.dropDatabase(url);
  }

  @Test
  void a_notice_is_stored_with_its_template_variables_language_and_priority() {
    long id = notices.send(new Notice("+84912345678", 42L, "otp", Map.of("code", "123456", "minutes", "5"), "en", "otp:1"))
        .await();

    Row row = pool.preparedQuery("SELECT guardian_id, phone_e164, template, params::text, language, dedup_key, priority"
        + " FROM messaging.notice WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(id)).await().iterator().next();
    assertThat(row.getLong(0)).isEqualTo(42L);
    assertThat(row.getString(1)).isEqualTo("+84912345678");
    assertThat(row.getString(2)).isEqualTo("otp");
    assertThat(new io.vertx.core.json.JsonObject(row.getString(3)).getMap()).isEqualTo(Map.of("code", "123456", "minutes", "5"));
    assertThat(row.getString(4)).isEqualTo("en");
    assertThat(row.getString(5)).isEqualTo("otp:1");
    assertThat(row.getString(6)).isEqualTo("urgent");
  }

  @Test
  void a_repeated_dedup_key_returns_the_first_notice_and_stores_nothing_more() {
    Notice notice = new Notice("+84912345678", null, "otp", Map.of("code", "123456", "minutes", "5"), "vi", "otp:abc");
    long first = notices.send(notice).await();
    List<Future<Long>> again = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      again.add(notices.send(notice));
    }
    Future.all(again).await();

    assertThat(again).allSatisfy(f -> assertThat(f.result()).isEqualTo(first));
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void notices_without_a_dedup_key_are_all_stored() {
    Notice notice = new Notice("+84912345678", null, "otp", Map.of("code", "1", "minutes", "5"), "vi", null);
    long a = notices.send(notice).await();
    long b = notices.send(notice).await();

    assertThat(a).isNotEqualTo(b);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void bad_input_is_refused_naming_the_problem_and_stores_nothing() {
    assertThat(failure(new Notice("+84912345678", null, "otp", Map.of("code", "1"), "vi", "k1")))
        .isEqualTo("notice template 'otp' needs variable minutes");
    assertThat(failure(new Notice("+84912345678", null, "nope", Map.of(), "vi", "k2")))
        .startsWith("unknown notice template 'nope'");
    assertThat(failure(new Notice("0912345678", null, "otp", Map.of("code", "1", "minutes", "5"), "vi", "k3")))
        .startsWith("notice phone must be E.164");
    assertThat(count()).isZero();
  }

  private String failure(Notice notice) {
    Future<Long> sent = notices.send(notice);
    assertThat(sent.failed()).isTrue();
    assertThat(sent.cause()).isInstanceOf(IllegalArgumentException.class);
    return sent.cause().getMessage();
  }

  private long count() {
    return pool.query("SELECT count(*) FROM messaging.notice").execute().await().iterator().next().getLong(0);
  }
}
