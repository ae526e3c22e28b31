package vn.lienlac.api.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Page;

/**
 * Two-way threads between a school's staff and the guardians of one student ({@code /threads…}) and a
 * guardian's private reply to an announcement ({@code POST /messages/{id}/replies}). Who sees what:
 * {@link ThreadAccess}; opening: {@link ThreadOpening}; posting: {@link ThreadPosting}.
 */
public final class ThreadsFeature implements ApiFeature {

  private static final String BY_IDEMPOTENCY_KEY = """
      SELECT m.id, m.thread_id FROM messaging.message m WHERE m.sender_subject = $1 AND m.idempotency_key = $2""";

  private final Pool pool;
  private final Clock clock;
  private final ThreadOpening opening;
  private final ThreadPosting posting;
  private final ThreadReading reading;

  public ThreadsFeature(ApiDependencies deps) {
    this.pool = deps.pool();
    this.clock = deps.clock();
    AuditLog audit = AuditLog.create(deps.pool(), deps.clock());
    this.posting = new ThreadPosting(deps.realtime().events(), audit, deps.clock());
    this.opening = new ThreadOpening(posting, audit);
    this.reading = new ThreadReading(deps.pool(), deps.realtime().events());
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("createThread").addHandler(this::open);
    contract.getRoute("listThreads").addHandler(this::list);
    contract.getRoute("getThread").addHandler(this::detail);
    contract.getRoute("postThreadMessage").addHandler(this::post);
    contract.getRoute("markThreadRead").addHandler(this::markRead);
    contract.getRoute("replyToMessage").addHandler(this::reply);
  }

  private static String idempotencyKey(RoutingContext ctx) {
    return ctx.request().getHeader("Idempotency-Key");
  }

  private static AuditActor actorOf(RoutingContext ctx, Caller caller) {
    return caller.isGuardian() ? null : AuditActor.of(ctx);
  }

  private void open(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject request = ctx.body().asJsonObject();
    pool.withTransaction(tx -> opening.open(tx, caller, actorOf(ctx, caller), request, idempotencyKey(ctx)))
        .onSuccess(opened -> answerOpened(ctx, caller, opened.threadId(), opened.message(), request.getString("body")))
        .onFailure(e -> alreadyDoneOr(ctx, caller, e, true));
  }

  private void reply(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject request = ctx.body().asJsonObject();
    long announcementId = Long.parseLong(ctx.pathParam("messageId"));
    pool.withTransaction(tx -> opening.reply(tx, caller, announcementId, request, idempotencyKey(ctx)))
        .onSuccess(opened -> answerOpened(ctx, caller, opened.threadId(), opened.message(), request.getString("body")))
        .onFailure(e -> alreadyDoneOr(ctx, caller, e, true));
  }

  /** 201 with the thread as the caller now sees it and the message just written. */
  private void answerOpened(RoutingContext ctx, Caller caller, long threadId, PostedMessage message, String body) {
    pool.withConnection(c -> reading.summary(c, caller, threadId)).onFailure(ctx::fail).onSuccess(thread -> {
      JsonObject json = new JsonObject().put("thread", thread)
          .put("message", message.toJson(caller.isGuardian() ? "guardian" : "staff", null, body));
      ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
          .putHeader("location", "/api/v1/threads/" + threadId).end(json.encode());
    });
  }

  private void post(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long threadId = Long.parseLong(ctx.pathParam("threadId"));
    String body = ctx.body().asJsonObject().getString("body");
    pool.withTransaction(tx -> tx.preparedQuery(ThreadReading.ONE.sql(caller))
            .execute(ThreadAccess.params(caller, threadId))
            .compose(rows -> rows.size() == 0 || !rows.iterator().next().getBoolean("can_post")
                ? Future.failedFuture(Refusal.notFound())
                : tx.preparedQuery(ThreadOpening.LOCK_THREAD).execute(Tuple.of(threadId)))
            .compose(locked -> posting.post(tx, caller, actorOf(ctx, caller), ThreadRef.of(locked.iterator().next()),
                body, idempotencyKey(ctx))))
        .onSuccess(posted -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
            .end(posted.toJson(caller.isGuardian() ? "guardian" : "staff", null, body).encode()))
        .onFailure(e -> alreadyDoneOr(ctx, caller, e, false));
  }

  /**
   * A creating request whose idempotency key this sender already used (the platform's record expired):
   * answer the thread or message stored then, never a second one.
   */
  private void alreadyDoneOr(RoutingContext ctx, Caller caller, Throwable failure, boolean thread) {
    if (!(failure instanceof ThreadPosting.AlreadyPosted)) {
      Refusal.answer(ctx, failure);
      return;
    }
    pool.preparedQuery(BY_IDEMPOTENCY_KEY).execute(Tuple.of(caller.subject(), idempotencyKey(ctx)))
        .compose(rows -> {
          Row m = rows.iterator().next();
          return pool.withConnection(c -> reading.summary(c, caller, m.getLong("thread_id")))
              .map(summary -> new JsonObject().put("thread", summary).put("messageId", m.getLong("id")));
        })
        .onFailure(ctx::fail)
        .onSuccess(done -> {
          JsonObject answer = thread ? done : new JsonObject().put("id", done.getLong("messageId"))
              .put("threadId", done.getJsonObject("thread").getLong("id"));
          ctx.response().setStatusCode(201).putHeader("content-type", "application/json").end(answer.encode());
        });
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Page.Request page;
    try {
      page = Page.request(ctx, ThreadReading.THREADS_CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    reading.list(caller, page).onFailure(ctx::fail).onSuccess(rows -> Page.answer(ctx, page,
        ThreadReading.THREADS_CURSOR, rows, ThreadReading::summaryJson,
        r -> new Object[] {r.getLong("last_message_id")}));
  }

  private void detail(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long threadId = Long.parseLong(ctx.pathParam("threadId"));
    Page.Request page;
    try {
      page = Page.request(ctx, ThreadReading.MESSAGES_CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    pool.withConnection(c -> reading.summary(c, caller, threadId)).onFailure(ctx::fail).onSuccess(thread -> {
      if (thread == null) {
        Problems.send(ctx, 404, "not-found");
        return;
      }
      reading.messages(caller, threadId, page).onFailure(ctx::fail).onSuccess(rows -> {
        JsonObject messages = new JsonObject().put("items", new JsonArray());
        int shown = Math.min(page.limit(), rows.size());
        for (int i = 0; i < shown; i++) {
          messages.getJsonArray("items").add(ThreadReading.messageJson(caller, rows.get(i), clock.instant()));
        }
        messages.put("nextCursor", rows.size() > page.limit()
            ? ThreadReading.MESSAGES_CURSOR.encode(rows.get(shown - 1).getLong("id")) : null);
        ctx.json(thread.put("messages", messages));
      });
    });
  }

  private void markRead(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long threadId = Long.parseLong(ctx.pathParam("threadId"));
    JsonObject body = ctx.body() == null || ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    Long upTo = body.getLong("upToMessageId");
    pool.withTransaction(tx -> reading.markRead(tx, caller, threadId, upTo))
        .onFailure(ctx::fail)
        .onSuccess(answer -> {
          if (answer == null) {
            Problems.send(ctx, 404, "not-found");
          } else {
            ctx.json(answer);
          }
        });
  }
}
