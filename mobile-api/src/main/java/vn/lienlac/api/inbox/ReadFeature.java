package vn.lienlac.api.inbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.realtime.RealtimeEvents;
import vn.lienlac.messaging.inbox.ReadReceipts;
import vn.lienlac.messaging.inbox.ReadReceipts.Receipt;

/**
 * {@code POST /messages/{id}/read}, {@code /messages/{id}/ack} and the batch {@code POST /messages/read}:
 * a guardian marks their own recipient rows; repeats change nothing and count nothing. Each real change
 * raises {@code message.read} to the sender.
 *
 * <p>The event is published after the commit, not inside the reading transaction: a broadcast's sender
 * receives reads from up to a million guardians, and publishing in the transaction would hold the
 * sender's event counter row locked in every one of them, queueing all readers of that message behind
 * each other. A lost event costs only a stale counter in the sender's open view, which reloads counts.
 */
final class ReadFeature {

  private static final Logger LOG = LoggerFactory.getLogger(ReadFeature.class);

  /** Only the guardian's reach gates reading: a guardian removed upstream marks nothing. */
  private static final Reach.Query REACHABLE = Reach.query("SELECT 1 FROM reach_guardian rg WHERE rg.guardian_id = $2");

  private final Pool pool;
  private final Clock clock;
  private final RealtimeEvents events;

  ReadFeature(Pool pool, Clock clock, RealtimeEvents events) {
    this.pool = pool;
    this.clock = clock;
    this.events = events;
  }

  void mount(RouterBuilder contract) {
    contract.getRoute("readMessage").addHandler(ctx -> one(ctx, false));
    contract.getRoute("ackMessage").addHandler(ctx -> one(ctx, true));
    contract.getRoute("readMessages").addHandler(this::batch);
  }

  private void one(RoutingContext ctx, boolean ack) {
    Long id = MessageIds.parse(ctx.pathParam("id"));
    Caller caller = Caller.of(ctx);
    if (id == null || !caller.isGuardian()) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    mark(caller, List.of(id), ack).onFailure(ctx::fail).onSuccess(receipts -> {
      if (receipts.isEmpty()) {
        Problems.send(ctx, 404, "not-found");
      } else {
        ctx.json(json(receipts.get(0)));
      }
    });
  }

  private void batch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonArray given = ctx.body().asJsonObject().getJsonArray("ids");
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      ids.add(given.getLong(i));
    }
    Future<List<Receipt>> marked = caller.isGuardian() ? mark(caller, new ArrayList<>(ids), false)
        : Future.succeededFuture(List.of());
    marked.onFailure(ctx::fail).onSuccess(receipts -> {
      JsonArray items = new JsonArray();
      receipts.forEach(r -> {
        items.add(json(r));
        ids.remove(r.messageId());
      });
      ctx.json(new JsonObject().put("items", items).put("notFound", new JsonArray(new ArrayList<>(ids))));
    });
  }

  private Future<List<Receipt>> mark(Caller caller, List<Long> ids, boolean ack) {
    return pool.withTransaction(tx -> tx.preparedQuery(REACHABLE.sql(caller)).execute(Reach.params(caller))
        .compose(reach -> reach.size() == 0 ? Future.succeededFuture(List.<Receipt>of())
            : ReadReceipts.mark(tx, caller.accountId(), ids, ack, clock.instant())))
        .onSuccess(receipts -> announce(caller, receipts));
  }

  /** One event per changed message to its sender, in subject order. */
  private void announce(Caller reader, List<Receipt> receipts) {
    receipts.stream().filter(Receipt::changed).filter(r -> SenderSubjects.reachable(r.senderSubject()))
        .sorted(Comparator.comparing(Receipt::senderSubject).thenComparing(Receipt::messageId))
        .forEach(r -> events.publish(r.senderSubject(), RealtimeEvents.MESSAGE_READ, new JsonObject()
                .put("messageId", r.messageId()).put("guardianId", reader.accountId())
                .put("read", true).put("acked", r.ackedAt() != null)
                .put("readAt", r.readAt().toString())
                .put("ackedAt", r.ackedAt() == null ? null : r.ackedAt().toString()))
            .onFailure(e -> LOG.warn("message.read for message {} not published: {}", r.messageId(), e.getMessage())));
  }

  private static JsonObject json(Receipt r) {
    return new JsonObject().put("id", r.messageId()).put("changed", r.changed())
        .put("readAt", r.readAt() == null ? null : r.readAt().toString())
        .put("ackedAt", r.ackedAt() == null ? null : r.ackedAt().toString());
  }
}
