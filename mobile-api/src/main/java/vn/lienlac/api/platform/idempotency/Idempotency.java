package vn.lienlac.api.platform.idempotency;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;

/**
 * {@code Idempotency-Key} for operations that create something. The first request with a key runs and
 * its answer (status, body and the headers in {@link #REPLAYED_HEADERS}) is stored for 24 h; a retry
 * with the same key and the same request gets that answer again without the handler running, marked
 * {@code Idempotent-Replayed: true}. The same key with a different request is 409
 * {@code idempotency-key-reused}. A retry while the first is still running is answered at once with
 * 409 {@code idempotency-key-in-progress} and {@code Retry-After: 1} rather than held open: holding it
 * would tie up a connection per impatient client, and the app retries anyway. A 5xx (or a failure) is
 * not stored, so the client may retry it. Keys are per caller (their subject) or, for anonymous calls,
 * per IP address, so nobody can replay someone else's answer.
 *
 * <p>{@link #handler()} goes first on the route; every feature handler after it is wrapped with
 * {@link #capturing} ({@code vn.lienlac.api.v1.ApiV1} does both for every operation whose contract
 * declares the header, so features need not remember).
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  static final Set<String> REPLAYED_HEADERS = Set.of("content-type", "content-language", "location", "etag",
      "last-modified", "cache-control", "link");
  /** 1–128 printable ASCII characters, not starting or ending with a space. */
  private static final Pattern ACCEPTABLE_KEY = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,126}[\\x21-\\x7E])?");
  private static final String CAPTURE = "lienlac.idempotency.capture";
  private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

  private final IdempotencyKeys keys;

  public Idempotency(Pool pool) {
    this.keys = new IdempotencyKeys(pool);
  }

  /** Whether the operation declares the {@value #HEADER} header parameter. */
  public static boolean declaredBy(Operation operation) {
    return operation.getParameters().stream()
        .anyMatch(p -> p.getIn() == Location.HEADER && HEADER.equalsIgnoreCase(p.getName()));
  }

  /** The handler to run before the feature's: claims the key, or answers from what is stored. */
  public Handler<RoutingContext> handler() {
    return this::claim;
  }

  /** The feature handler, seeing a response that is recorded when this request claimed a key. */
  public Handler<RoutingContext> capturing(Handler<RoutingContext> feature) {
    return ctx -> {
      ResponseCapture capture = ctx.get(CAPTURE);
      feature.handle(capture == null ? ctx : capture.view());
    };
  }

  private void claim(RoutingContext ctx) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      ctx.next();
      return;
    }
    if (!ACCEPTABLE_KEY.matcher(key).matches()) {
      Problems.send(ctx, 400, "idempotency-key-invalid");
      return;
    }
    String scope = scopeOf(ctx);
    keys.claim(scope, key, requestHash(ctx)).onComplete(claimed -> {
      if (claimed.failed()) {
        ctx.fail(claimed.cause());
        return;
      }
      switch (claimed.result()) {
        case IdempotencyKeys.Claimed c -> {
          ctx.put(CAPTURE, new ResponseCapture(ctx, REPLAYED_HEADERS,
              stored -> keys.complete(scope, key, stored).onFailure(e -> LOG.warn("could not store an idempotent result: {}", e.getMessage())),
              () -> keys.release(scope, key).onFailure(e -> LOG.warn("could not release an idempotency key: {}", e.getMessage()))));
          ctx.next();
        }
        case IdempotencyKeys.AlreadyCompleted done -> replay(ctx, done.response());
        case IdempotencyKeys.StillRunning running -> {
          ctx.response().putHeader("Retry-After", "1");
          Problems.send(ctx, 409, "idempotency-key-in-progress");
        }
        case IdempotencyKeys.UsedForAnotherRequest other -> Problems.send(ctx, 409, "idempotency-key-reused");
      }
    });
  }

  private static void replay(RoutingContext ctx, StoredResponse stored) {
    var response = ctx.response().setStatusCode(stored.status());
    for (Object header : stored.headers()) {
      JsonArray pair = (JsonArray) header;
      response.putHeader(pair.getString(0), pair.getString(1));
    }
    response.putHeader(REPLAYED, "true").end(stored.body());
  }

  private static String scopeOf(RoutingContext ctx) {
    Caller caller = Caller.find(ctx);
    return caller != null ? caller.subject() : "ip:" + ctx.request().remoteAddress().hostAddress();
  }

  /** SHA-256 of method, path with query, and body: what makes two requests "the same". */
  static byte[] requestHash(RoutingContext ctx) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ctx.request().method().name().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(ctx.request().uri().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      if (body != null) {
        sha.update(body.getBytes());
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
