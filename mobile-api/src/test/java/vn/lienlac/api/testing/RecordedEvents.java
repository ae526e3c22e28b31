package vn.lienlac.api.testing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/** Keeps the invoice events an API test caused (subject, type, data), in the order published. */
public final class RecordedEvents {

  public record Event(String subject, String type, JsonObject data) {}

  private final List<Event> published = new ArrayList<>();

  public synchronized Future<?> record(SqlConnection connection, String subject, String type, JsonObject data) {
    published.add(new Event(subject, type, data));
    return Future.succeededFuture();
  }

  public synchronized List<Event> all() {
    return List.copyOf(published);
  }
}
