package vn.lienlac.infra.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.lienlac.api.devices.DeviceStore;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.delivery.DeliveryWorker;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.dispatch.DispatchOptions;
import vn.lienlac.delivery.dispatch.MessageDispatcher;
import vn.lienlac.delivery.policy.SchoolPolicy;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.messaging.events.UserEvents;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.ratelimit.TokenBuckets;
import io.vertx.ext.web.client.WebClient;

/**
 * Messages to guardians with app installations, delivered by workers built as the runtime builds
 * them (SMS and FCM push against the sandbox) and a dispatcher with short delays.
 */
final class MessageFixture implements AutoCloseable {

  static final String SCHOOL = "S01";

  final DeliveryFixture f;
  /** Events raised to users, as {@code subject type data}. */
  final List<String> userEvents = new CopyOnWriteArrayList<>();
  final UserEvents events = new UserEvents() {
    @Override
    public Future<Long> publish(String subject, String type, JsonObject data) {
      userEvents.add(subject + " " + type + " " + data.encode());
      return Future.succeededFuture((long) userEvents.size());
    }

    @Override
    public Future<Long> publish(SqlConnection tx, String subject, String type, JsonObject data) {
      return publish(subject, type, data);
    }
  };
  final DeliveryOptions options = DeliveryFixture.FAST.withBreaker(3, Duration.ofSeconds(2))
      .withChannelRate("push", 5_000);

  MessageFixture(String name) {
    f = new DeliveryFixture(name);
    // These workers serve no ZNS channel, so a ZNS step must fail over at once whatever the hour; Zalo's
    // night-time rule (ZNS waits until 06:00 Vietnam time) belongs to the Zalo channel and is tested there.
    f.execute("ALTER TABLE delivery.attempt DISABLE TRIGGER attempt_zns_daytime");
  }

  LienlacConfig config() {
    return f.config("esms", Map.of());
  }

  DeliveryWorker worker() {
    List<Channel> channels = new ArrayList<>();
    channels.add(DeliveryWiring.smsChannel(WebClient.create(f.vertx), config()));
    channels.add(PushWiring.pushChannel(f.vertx, config(), DeviceStore.create(f.pool)).orElseThrow());
    return new DeliveryWorker(f.pool, PgConnectOptions.fromUri(f.url.uri()), channels,
        new TokenBuckets(f.redis, f.bucketPrefix), options, NoticeTemplates.BUNDLED, f.events);
  }

  MessageDispatcher dispatcher(Duration fallbackAfter, boolean smsAllowed) {
    return new MessageDispatcher(f.pool, events, new DispatchOptions(1_000, Duration.ofMillis(200),
        new SchoolPolicy(smsAllowed, Map.of(), fallbackAfter, Duration.ofSeconds(2), 300)), java.time.Clock.systemUTC());
  }

  /** Guardians {@code from..to} with a phone each; {@code devices} app installations each. */
  void guardians(long from, long to, int devices) {
    f.execute("""
        INSERT INTO directory.guardian (id, full_name, phone_e164, language, upstream_updated_at)
        SELECT g, 'Phụ huynh ' || g, '+8491' || lpad(g::text, 7, '0'), 'vi', now() FROM generate_series($1::bigint, $2::bigint) g
        ON CONFLICT DO NOTHING""", from, to);
    for (int d = 0; d < devices; d++) {
      f.execute("""
          INSERT INTO api.device (installation_id, guardian_id, platform, push_token, app_version)
          SELECT 'inst-' || g || '-' || $3::int, g, 'android', 'tok-' || g || '-' || $3::int, '1.0'
          FROM generate_series($1::bigint, $2::bigint) g""", from, to, d);
    }
  }

  /** A queued message to guardians {@code from..to}, with its 16 count shards. */
  long message(String priority, boolean requireAck, long from, long to) {
    long id = f.pool.preparedQuery("""
        INSERT INTO messaging.message (kind, sender_subject, sender_role, school_code, title, body, priority,
                                       require_ack, school_year, status)
        VALUES ('announcement', 's:1', 'principal', $1, 'Họp phụ huynh', 'Kính mời quý phụ huynh dự họp lúc 8 giờ.',
                $2, $3, '2026-2027', 'queued') RETURNING id""")
        .execute(io.vertx.sqlclient.Tuple.of(SCHOOL, priority, requireAck)).await().iterator().next().getLong(0);
    f.execute("""
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code)
        SELECT $1, g, ARRAY['HS' || g], $4 FROM generate_series($2::bigint, $3::bigint) g""", id, from, to, SCHOOL);
    f.execute("""
        INSERT INTO messaging.message_count (message_id, shard, recipients)
        SELECT $1, s, (SELECT count(*) FROM messaging.recipient WHERE message_id = $1 AND guardian_id % 16 = s)
        FROM generate_series(0, 15) s""", id);
    return id;
  }

  String status(long message) {
    return f.pool.preparedQuery("SELECT status FROM messaging.message WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(message)).await().iterator().next().getString(0);
  }

  JsonObject recipient(long message, long guardian) {
    return (JsonObject) f.pool.preparedQuery("SELECT to_jsonb(r) FROM messaging.recipient r WHERE message_id = $1 AND guardian_id = $2")
        .execute(io.vertx.sqlclient.Tuple.of(message, guardian)).await().iterator().next().getValue(0);
  }

  List<JsonObject> attempts(long message, long guardian) {
    List<JsonObject> out = new ArrayList<>();
    f.pool.preparedQuery("""
        SELECT to_jsonb(a) FROM delivery.attempt a WHERE recipient_message_id = $1 AND recipient_guardian_id = $2
        ORDER BY id""").execute(io.vertx.sqlclient.Tuple.of(message, guardian)).await()
        .forEach(r -> out.add((JsonObject) r.getValue(0)));
    return out;
  }

  long sum(long message, String column) {
    return f.count("SELECT sum(" + column + ") FROM messaging.message_count WHERE message_id = " + message);
  }

  void awaitStatus(long message, String status, Duration timeout) {
    DeliveryFixture.awaitTrue("message " + message + " to be " + status, timeout, () -> status.equals(status(message)));
  }

  static Instant now() {
    return Instant.now();
  }

  @Override
  public void close() {
    f.close();
  }
}
