package vn.lienlac.api.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import vn.lienlac.api.realtime.RealtimeEvents;
import vn.lienlac.messaging.events.UserEvents;

/** messaging-core's {@link UserEvents} port served by the mobile API's realtime publisher. */
public final class RealtimeUserEvents implements UserEvents {

  private final RealtimeEvents events;

  public RealtimeUserEvents(RealtimeEvents events) {
    this.events = events;
  }

  @Override
  public Future<Long> publish(String subject, String type, JsonObject data) {
    return events.publish(subject, type, data);
  }

  @Override
  public Future<Long> publish(SqlConnection tx, String subject, String type, JsonObject data) {
    return events.publish(tx, subject, type, data);
  }
}
