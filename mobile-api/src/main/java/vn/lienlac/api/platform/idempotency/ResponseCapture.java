package vn.lienlac.api.platform.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records the response a feature writes, so that it can be stored before it is sent. Vert.x offers
 * hooks for the end of the headers and of the body but none that sees the body, so the feature is
 * handed views of its {@link RoutingContext} and {@link HttpServerResponse} that pass every call on to
 * the real ones and keep a copy of what is written. They are dynamic proxies because both interfaces
 * have dozens of methods, of which only {@code response}, {@code fail}, {@code write}, {@code end} and
 * {@code send*} matter here; default methods ({@code ctx.json}, {@code ctx.end}) run against the view.
 *
 * <p>Exactly one outcome is reported: {@code onResult} when the feature ends its response (the answer
 * is sent once that future completes, so a retry arriving right after sees it stored), or
 * {@code onAbandon} when it fails, streams something that cannot be kept, or the response ends
 * without passing through the view.
 */
final class ResponseCapture {

  private final RoutingContext real;
  private final HttpServerResponse realResponse;
  private final Set<String> keptHeaders;
  private final Function<StoredResponse, Future<Void>> onResult;
  private final Supplier<Future<Void>> onAbandon;
  private final RoutingContext contextView;
  private final HttpServerResponse responseView;
  private final Buffer written = Buffer.buffer();
  private boolean settled;

  ResponseCapture(RoutingContext real, Set<String> keptHeaders, Function<StoredResponse, Future<Void>> onResult,
                  Supplier<Future<Void>> onAbandon) {
    this.real = real;
    this.realResponse = real.response();
    this.keptHeaders = keptHeaders;
    this.onResult = onResult;
    this.onAbandon = onAbandon;
    this.responseView = proxy(HttpServerResponse.class, this::onResponseCall);
    this.contextView = proxy(RoutingContext.class, this::onContextCall);
    real.addEndHandler(ended -> {
      if (ended.succeeded()) {
        abandon(); // answered without the view (a failure handler's problem document): nothing to replay
      }
    });
  }

  RoutingContext view() {
    return contextView;
  }

  private Object onContextCall(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "response":
        return responseView;
      case "fail":
        abandon();
        break;
      default:
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(proxy, method, args);
        }
    }
    Object result = forward(real, method, args);
    return result == real ? proxy : result;
  }

  private Object onResponseCall(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "write":
        append(args);
        break;
      case "end":
        append(args);
        return settleThen(() -> (Future<?>) forward(realResponse, method, args));
      case "send":
        if (args == null || args.length == 0 || args[0] instanceof Buffer || args[0] instanceof String) {
          append(args);
          return settleThen(() -> (Future<?>) forward(realResponse, method, args));
        }
        abandon(); // a stream: not kept
        break;
      case "sendFile":
        abandon();
        break;
      default:
        break;
    }
    Object result = forward(realResponse, method, args);
    return result == realResponse ? proxy : result;
  }

  private void append(Object[] args) {
    if (args == null || args.length == 0) {
      return;
    }
    if (args[0] instanceof Buffer buffer) {
      written.appendBuffer(buffer);
    } else if (args[0] instanceof String text) {
      written.appendString(text, args.length > 1 && args[1] instanceof String enc ? enc : "UTF-8");
    }
  }

  /** Stores (or releases, for a 5xx) before the answer leaves, then sends it whatever storing did. */
  private Future<?> settleThen(ThrowingSupplier send) {
    Future<Void> stored;
    if (settled) {
      stored = Future.succeededFuture();
    } else {
      settled = true;
      int status = realResponse.getStatusCode();
      stored = status >= 500 ? onAbandon.get() : onResult.apply(new StoredResponse(status, keptHeaders(), written.copy()));
    }
    return stored.transform(ignored -> {
      try {
        return send.get();
      } catch (Throwable t) {
        return Future.failedFuture(t);
      }
    });
  }

  private void abandon() {
    if (!settled) {
      settled = true;
      onAbandon.get();
    }
  }

  private JsonArray keptHeaders() {
    JsonArray kept = new JsonArray();
    realResponse.headers().forEach(h -> {
      if (keptHeaders.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        kept.add(new JsonArray().add(h.getKey()).add(h.getValue()));
      }
    });
    return kept;
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  @FunctionalInterface
  private interface ThrowingSupplier {
    Future<?> get() throws Throwable;
  }
}
