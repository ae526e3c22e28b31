package vn.lienlac.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;

/** Event ids per user, publishing inside a caller's transaction, and the purge. */
class RealtimeEventIdsTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("rt_ids");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<Long> storedIds(String subject) {
    return ApiTestServer.await(api.pool.preparedQuery("SELECT id FROM api.realtime_event WHERE subject = $1 ORDER BY id")
        .execute(io.vertx.sqlclient.Tuple.of(subject)).map(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getLong(0)));
          return ids;
        }));
  }

  @Test
  void concurrent_publishes_for_one_user_get_every_id_once_without_gaps() {
    List<Future<Long>> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // the pool has 4 connections: up to 4 transactions race for the counter
      all.add(api.realtime.events().publish("g:3001", RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("i", i)));
      all.add(api.realtime.events().publish("s:3002", RealtimeEvents.INVOICE_UPDATED, new JsonObject().put("i", i)));
    }
    ApiTestServer.await(Future.all(all));
    List<Long> returned = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 2) {
      returned.add(all.get(i).result());
    }
    assertThat(returned.stream().sorted().toList()).isEqualTo(LongStream.rangeClosed(1, 300).boxed().toList());
    assertThat(storedIds("g:3001")).isEqualTo(LongStream.rangeClosed(1, 300).boxed().toList());
    assertThat(storedIds("s:3002")).isEqualTo(LongStream.rangeClosed(1, 300).boxed().toList());
  }

  @Test
  void an_event_published_in_a_rolled_back_transaction_leaves_no_trace_and_frees_its_id() {
    RealtimeEvents events = api.realtime.events();
    assertThatThrownBy(() -> ApiTestServer.await(api.pool.withTransaction(conn ->
        events.publish(conn, "g:3003", RealtimeEvents.MESSAGE_READ, new JsonObject())
            .compose(id -> Future.failedFuture(new IllegalStateException("the change failed after the event"))))))
        .hasMessageContaining("the change failed");
    assertThat(storedIds("g:3003")).isEmpty();
    long id = ApiTestServer.await(api.pool.withTransaction(conn ->
        events.publish(conn, "g:3003", RealtimeEvents.MESSAGE_READ, new JsonObject())));
    assertThat(id).isEqualTo(1);
    assertThat(storedIds("g:3003")).containsExactly(1L);
  }

  @Test
  void bad_subjects_types_or_data_are_refused_before_anything_is_stored() {
    RealtimeEvents events = api.realtime.events();
    assertThatThrownBy(() -> ApiTestServer.await(events.publish("guardian 7", RealtimeEvents.MESSAGE_READ, new JsonObject())))
        .hasMessageContaining("g:<guardian id>");
    assertThatThrownBy(() -> ApiTestServer.await(events.publish("g:7", "message.deleted", new JsonObject())))
        .hasMessageContaining("unknown realtime event type 'message.deleted'");
    assertThatThrownBy(() -> ApiTestServer.await(events.publish("g:7", RealtimeEvents.MESSAGE_READ, null)))
        .hasMessageContaining("needs data");
    assertThat(storedIds("g:7")).isEmpty();
  }

  @Test
  void the_purge_deletes_only_events_older_than_the_retention_in_batches() {
    api.sql("INSERT INTO api.realtime_stream (subject, last_id) VALUES ('g:3004', " + (RealtimePurge.BATCH + 10) + ")",
        "INSERT INTO api.realtime_event (subject, id, type, data, at) SELECT 'g:3004', n, 'message.read', '{}',"
            + " now() - interval '50 hours' FROM generate_series(1, " + (RealtimePurge.BATCH + 5) + ") n",
        "INSERT INTO api.realtime_event (subject, id, type, data, at) SELECT 'g:3004', n, 'message.read', '{}',"
            + " now() - interval '47 hours' FROM generate_series(" + (RealtimePurge.BATCH + 6) + ", " + (RealtimePurge.BATCH + 10) + ") n");
    RealtimePurge purge = new RealtimePurge(api.pool, RealtimeOptions.defaults().withRetention(Duration.ofHours(48), Duration.ofHours(1)));
    assertThat(ApiTestServer.await(purge.purge())).isEqualTo(RealtimePurge.BATCH + 5);
    assertThat(storedIds("g:3004")).isEqualTo(LongStream.rangeClosed(RealtimePurge.BATCH + 6, RealtimePurge.BATCH + 10).boxed().toList());
    long next = ApiTestServer.await(api.realtime.events().publish("g:3004", RealtimeEvents.MESSAGE_READ, new JsonObject()));
    assertThat(next).as("ids go on after a purge").isEqualTo(RealtimePurge.BATCH + 11);
  }
}
