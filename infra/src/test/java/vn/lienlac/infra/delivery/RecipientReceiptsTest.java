package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.dispatch.DispatchOptions;
import vn.lienlac.delivery.dispatch.MessageDispatcher;
import vn.lienlac.delivery.policy.SchoolPolicy;
import vn.lienlac.delivery.twilio.TwilioSignature;
import vn.lienlac.delivery.zalo.ZaloWebhookSignature;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.zalo.ZaloSandboxAccount;

/**
 * Provider receipts reach the message recipient rows: the webhooks as the api role serves them change
 * the row senders see, its count shard and raise {@code delivery.updated}, exactly once under replay.
 */
class RecipientReceiptsTest {

  static final ZaloSandboxAccount ZALO = ZaloSandboxAccount.DEMO;
  static final long GUARDIAN = 601;
  ZaloFixture f;

  @BeforeEach
  void start() {
    f = new ZaloFixture("recipient_receipts");
    f.d.execute("INSERT INTO directory.guardian (id, full_name, phone_e164, upstream_updated_at) VALUES ($1, 'Phụ huynh', '+84912000601', now())",
        GUARDIAN);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /**
   * A message of sender s:7 to the guardian, whose recipient row is in {@code state} (delivered by
   * {@code channel} when delivered), and the attempt of that channel in {@code attemptState}.
   */
  long[] message(String state, String channel, String provider, String providerMessageId, String attemptState,
                 int planStep) {
    long message = f.d.pool.preparedQuery("""
        INSERT INTO messaging.message (kind, sender_subject, sender_role, school_code, body, school_year, status)
        VALUES ('announcement', 's:7', 'principal', 'S01', 'Kính mời quý phụ huynh dự họp.', '2026-2027', 'done')
        RETURNING id""").execute().await().iterator().next().getLong(0);
    boolean delivered = "delivered".equals(state);
    f.d.execute("""
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code, delivery_state, delivery_channel,
                                         delivered_at, unreachable_reason)
        VALUES ($1, $2, ARRAY['HS1'], 'S01', $3, $4, CASE WHEN $5 THEN now() END, CASE WHEN $3 = 'unreachable' THEN 'failed' END)""",
        message, GUARDIAN, state, delivered ? channel : null, delivered);
    f.d.execute("""
        INSERT INTO messaging.message_count (message_id, shard, recipients, delivered, unreachable)
        SELECT $1, s, CASE WHEN s = $2 % 16 THEN 1 ELSE 0 END, CASE WHEN s = $2 % 16 AND $3 = 'delivered' THEN 1 ELSE 0 END,
               CASE WHEN s = $2 % 16 AND $3 = 'unreachable' THEN 1 ELSE 0 END
        FROM generate_series(0, 15) s""", message, GUARDIAN, state);
    long attempt = f.d.pool.preparedQuery("""
        INSERT INTO delivery.attempt (recipient_message_id, recipient_guardian_id, channel, provider, provider_message_id,
                                      state, plan_step, school_code, queued_at, accepted_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 'S01', now(), now()) RETURNING id""")
        .execute(Tuple.of(message, GUARDIAN, channel, provider, providerMessageId, attemptState, planStep))
        .await().iterator().next().getLong(0);
    return new long[] {message, attempt};
  }

  JsonObject recipient(long message) {
    return (JsonObject) f.d.pool.preparedQuery("SELECT to_jsonb(r) FROM messaging.recipient r WHERE message_id = $1")
        .execute(Tuple.of(message)).await().iterator().next().getValue(0);
  }

  long sum(long message, String column) {
    return f.d.count("SELECT sum(" + column + ") FROM messaging.message_count WHERE message_id = " + message);
  }

  int postZalo(JsonObject event, boolean zns) {
    var request = f.d.http.postAbs(f.publicUrl("/webhooks/zalo")).putHeader("Content-Type", "application/json")
        .putHeader("X-ZEvent-Signature", "mac=" + ZaloWebhookSignature.sign(ZALO.appId(), event.encode(),
            event.getString("timestamp"), ZALO.oaSecret()));
    if (zns) {
      request.putHeader("X-ZEvent-Server", "ZNS");
    }
    return request.sendBuffer(Buffer.buffer(event.encode())).await().statusCode();
  }

  static JsonObject zaloEvent(String name, JsonObject message, long timestamp) {
    return new JsonObject().put("app_id", ZALO.appId()).put("event_name", name).put("timestamp", Long.toString(timestamp))
        .put("sender", new JsonObject().put("id", ZALO.oaId())).put("recipient", new JsonObject().put("id", "u-601"))
        .put("message", message);
  }

  int postTwilio(Map<String, String> params) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    params.forEach(form::add);
    String url = f.publicUrl("/webhooks/twilio/status");
    return f.d.http.postAbs(url)
        .putHeader("X-Twilio-Signature", TwilioSignature.sign(url, params, SandboxAccounts.DEMO.twilioAuthToken()))
        .sendForm(form).await().statusCode();
  }

  @Test
  void a_zalo_seen_receipt_marks_the_recipient_read_counts_it_once_and_tells_the_sender() {
    long message = message("delivered", "zalo_oa", "zalo_oa", "oa-msg-1", "accepted", 1)[0];
    long now = System.currentTimeMillis();
    JsonObject seen = zaloEvent("user_seen_message", new JsonObject().put("msg_ids", new JsonArray().add("oa-msg-1")), now);

    assertThat(postZalo(seen, false)).isEqualTo(200);
    assertThat(postZalo(seen, false)).isEqualTo(200);
    // The same receipt sent again by Zalo under another timestamp (a new replay key) changes nothing either.
    assertThat(postZalo(zaloEvent("user_seen_message", seen.getJsonObject("message"), now + 1000), false)).isEqualTo(200);

    JsonObject row = recipient(message);
    assertThat(row.getString("read_at")).isNotNull();
    assertThat(row.getString("delivery_state")).isEqualTo("delivered");
    assertThat(sum(message, "read")).isEqualTo(1);
    assertThat(sum(message, "delivered")).isEqualTo(1);
    assertThat(f.userEvents).hasSize(1);
    assertThat(f.userEvents.getFirst()).startsWith("s:7 delivery.updated ")
        .contains("\"messageId\":" + message, "\"guardianId\":" + GUARDIAN, "\"deliveryState\":\"read\"");
  }

  @Test
  void a_zns_delivery_receipt_for_an_attempt_given_up_as_unknown_turns_the_unreachable_recipient_delivered() {
    long[] ids = message("unreachable", "zns", "zalo_zns", null, "unknown", 1);
    long message = ids[0];
    JsonObject received = zaloEvent("user_received_message", new JsonObject().put("msg_id", "zns-9")
        .put("tracking_id", Long.toString(ids[1])), System.currentTimeMillis());

    assertThat(postZalo(received, true)).isEqualTo(200);
    assertThat(postZalo(received, true)).isEqualTo(200);

    JsonObject row = recipient(message);
    assertThat(row.getString("delivery_state")).isEqualTo("delivered");
    assertThat(row.getString("delivery_channel")).isEqualTo("zns");
    assertThat(row.getString("unreachable_reason")).isNull();
    assertThat(sum(message, "delivered")).isEqualTo(1);
    assertThat(sum(message, "unreachable")).isZero();
    assertThat(f.userEvents).singleElement().asString().contains("\"deliveryState\":\"delivered\"");
  }

  @Test
  void an_undelivered_sms_puts_its_recipient_back_to_the_policy_which_gives_the_guardian_up_as_unreachable() {
    long message = message("delivered", "sms", "twilio", "SM601", "accepted", 2)[0];
    Map<String, String> undelivered = new LinkedHashMap<>(Map.of("MessageSid", "SM601", "MessageStatus", "undelivered",
        "ErrorCode", "30003"));

    assertThat(postTwilio(undelivered)).isEqualTo(200);
    assertThat(postTwilio(undelivered)).isEqualTo(200);

    assertThat(recipient(message).getString("delivery_state")).isEqualTo("sending");
    assertThat(sum(message, "delivered")).isZero();
    assertThat(f.userEvents).singleElement().asString().contains("\"deliveryState\":\"sending\"");
    assertThat(f.d.count("SELECT count(*) FROM messaging.message WHERE id = " + message + " AND status = 'sending'"))
        .isEqualTo(1);

    // SMS was the plan's last step: the dispatcher's sweep gives the guardian up, counted once.
    var dispatcher = new MessageDispatcher(f.d.pool, f.webhookEvents, new DispatchOptions(1_000, Duration.ofMillis(100), SchoolPolicy.DEFAULTS), Clock.systemUTC());
    f.d.deploy(dispatcher);
    DeliveryFixture.awaitTrue("the recipient given up", Duration.ofSeconds(10),
        () -> "unreachable".equals(recipient(message).getString("delivery_state")));
    assertThat(sum(message, "unreachable")).isEqualTo(1);
    assertThat(sum(message, "delivered")).isZero();
  }

  @Test
  void a_receipt_for_a_recipient_already_delivered_by_another_channel_changes_nothing() {
    long message = message("delivered", "push", "fcm", "p-1", "accepted", 0)[0];
    f.d.execute("""
        INSERT INTO delivery.attempt (recipient_message_id, recipient_guardian_id, channel, provider, provider_message_id,
                                      state, plan_step, school_code)
        VALUES ($1, $2, 'sms', 'twilio', 'SM602', 'accepted', 0, 'S01')""", message, GUARDIAN);

    assertThat(postTwilio(new LinkedHashMap<>(Map.of("MessageSid", "SM602", "MessageStatus", "failed", "ErrorCode", "30008"))))
        .isEqualTo(200);

    assertThat(recipient(message).getString("delivery_state")).isEqualTo("delivered");
    assertThat(recipient(message).getString("delivery_channel")).isEqualTo("push");
    assertThat(sum(message, "delivered")).isEqualTo(1);
    assertThat(f.userEvents).isEmpty();
  }
}
