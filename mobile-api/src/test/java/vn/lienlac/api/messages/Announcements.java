package vn.lienlac.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.messaging.events.UserEvents;
import vn.lienlac.messaging.expansion.Expander;
import vn.lienlac.messaging.expansion.ExpansionOptions;

/** Sending announcements through the API and expanding them as the workers do, for the tests. */
final class Announcements {

  /** The events the expansion raised, as "subject type messageId". */
  static final class RecordedEvents implements UserEvents {
    final List<String> published = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public Future<Long> publish(String subject, String type, JsonObject data) {
      published.add(subject + " " + type + " " + data.getLong("messageId"));
      return Future.succeededFuture((long) published.size());
    }

    @Override
    public Future<Long> publish(SqlConnection tx, String subject, String type, JsonObject data) {
      return publish(subject, type, data);
    }
  }

  private Announcements() {}

  static JsonObject announcement(JsonObject... scopes) {
    return new JsonObject().put("title", "Họp phụ huynh").put("body", "Kính mời phụ huynh dự họp lúc 8 giờ.")
        .put("audience", new JsonArray(List.of((Object[]) scopes)));
  }

  static JsonObject scope(String type, String value) {
    return new JsonObject().put("type", type).put("value", value);
  }

  static HttpResponse<String> post(ApiTestServer api, Caller caller, JsonObject body) {
    return api.post("/api/v1/messages", api.token(caller), body);
  }

  /** Sends and answers the new message's id (202 expected). */
  static long send(ApiTestServer api, Caller caller, JsonObject body) {
    HttpResponse<String> r = post(api, caller, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return new JsonObject(r.body()).getLong("id");
  }

  static Expander expander(ApiTestServer api, String worker, ExpansionOptions options, UserEvents events) {
    return new Expander(api.pool, worker, options, events);
  }

  /** Expands every due message to the end. */
  static void expandAll(ApiTestServer api) {
    Expander e = expander(api, "test-worker", ExpansionOptions.DEFAULTS, new RecordedEvents());
    while (ApiTestServer.await(e.expandNext(Integer.MAX_VALUE)) != null) {
      // next message
    }
  }

  /** guardian id → the student ids on their row. */
  static Map<Long, List<String>> recipients(ApiTestServer api, long messageId) {
    Map<Long, List<String>> rows = new TreeMap<>();
    for (Row r : ApiTestServer.await(api.pool.query(
        "SELECT guardian_id, student_ids FROM messaging.recipient WHERE message_id = " + messageId).execute())) {
      rows.put(r.getLong("guardian_id"), Arrays.asList(r.getArrayOfStrings("student_ids")));
    }
    return rows;
  }

  static long count(ApiTestServer api, String sql) {
    return ApiTestServer.await(api.pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
