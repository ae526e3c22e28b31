package vn.lienlac.api.realtime;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The realtime connections of this process: by user (a user may have several devices) for delivery,
 * and by event loop for the periodic sweep. Thread-safe; every call on a connection runs on that
 * connection's own event loop, so a connection's state needs no locks.
 */
public final class RealtimeHub {

  private static final RealtimeConnection[] NONE = new RealtimeConnection[0];

  private final RealtimeOptions options;
  private final EventLog log;
  private final LiveRecipients liveRecipients;
  private final ConcurrentHashMap<String, RealtimeConnection[]> bySubject = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Context, Set<RealtimeConnection>> byContext = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong slowDisconnects = new AtomicLong();
  private final AtomicLong silentDisconnects = new AtomicLong();
  private final AtomicInteger largestBacklog = new AtomicInteger();

  /** @param events where events for connected recipients of district-wide messages are stored */
  public RealtimeHub(RealtimeOptions options, Pool pool, RealtimeEvents events) {
    this.options = options;
    this.log = new EventLog(pool);
    this.liveRecipients = new LiveRecipients(this, pool, events);
  }

  public RealtimeOptions options() {
    return options;
  }

  EventLog log() {
    return log;
  }

  /** Open WebSocket connections of this process, authenticated or not. */
  public int connections() {
    return open.get();
  }

  /** Users with at least one authenticated connection here. */
  public int users() {
    return bySubject.size();
  }

  /** Connections closed because their write queue stayed full or their backlog passed the limit. */
  public long slowDisconnects() {
    return slowDisconnects.get();
  }

  /** Connections closed because they sent nothing (not even a pong) within the idle timeout. */
  public long silentDisconnects() {
    return silentDisconnects.get();
  }

  /** The most bytes any connection had queued beyond its socket's write buffer (bounded by the limit). */
  public int largestBacklogBytes() {
    return largestBacklog.get();
  }

  void opened(RealtimeConnection c) {
    byContext.computeIfAbsent(c.context, k -> ConcurrentHashMap.newKeySet()).add(c);
    open.incrementAndGet();
  }

  void subscribe(String subject, RealtimeConnection c) {
    bySubject.compute(subject, (s, current) -> {
      RealtimeConnection[] all = current == null ? NONE : current;
      RealtimeConnection[] more = java.util.Arrays.copyOf(all, all.length + 1);
      more[all.length] = c;
      return more;
    });
  }

  /** Idempotent: the connection leaves every index once. */
  void closed(RealtimeConnection c) {
    Set<RealtimeConnection> ofContext = byContext.get(c.context);
    if (ofContext == null || !ofContext.remove(c)) {
      return;
    }
    open.decrementAndGet();
    String subject = c.subject();
    if (subject != null) {
      bySubject.computeIfPresent(subject, (s, current) -> {
        RealtimeConnection[] fewer = java.util.Arrays.stream(current).filter(x -> x != c).toArray(RealtimeConnection[]::new);
        return fewer.length == 0 ? null : fewer;
      });
    }
  }

  /** An event for a user: handed to each of their connections here, on its own event loop. */
  void deliver(EventFrames.Event event) {
    RealtimeConnection[] targets = bySubject.get(event.subject());
    if (targets != null) {
      for (RealtimeConnection c : targets) {
        onContextOf(c, x -> x.offer(event.id(), event.frame()));
      }
    }
  }

  /** The database says the user's newest event is {@code newestId}: connections behind it fetch. */
  void behind(String subject, long newestId) {
    RealtimeConnection[] targets = bySubject.get(subject);
    if (targets != null) {
      for (RealtimeConnection c : targets) {
        onContextOf(c, x -> x.behind(newestId));
      }
    }
  }

  /** Guardians with ids in ({@code after}, {@code upTo}] authenticated on a connection of this process. */
  List<Long> guardiansConnected(long after, long upTo) {
    List<Long> ids = new ArrayList<>();
    for (String subject : bySubject.keySet()) {
      if (subject.startsWith("g:")) {
        long id = Long.parseLong(subject, 2, subject.length(), 10);
        if (id > after && id <= upTo) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /** A district-wide message's chunk committed: {@code message.created} for its recipients connected here. */
  Future<Integer> recipientsAdded(EventFrames.RecipientsAdded range) {
    return liveRecipients.added(range);
  }

  /** Every authenticated user with the lowest id sent to any of their connections. */
  void forEachUser(BiConsumer<String, Long> user) {
    bySubject.forEach((subject, connections) -> {
      long lowest = Long.MAX_VALUE;
      for (RealtimeConnection c : connections) {
        if (c.isLive()) {
          lowest = Math.min(lowest, c.sent());
        }
      }
      if (lowest != Long.MAX_VALUE) {
        user.accept(subject, lowest);
      }
    });
  }

  /** Runs {@code action} over the connections of each event loop, on that event loop (one task per loop). */
  void sweep(Consumer<RealtimeConnection> action) {
    byContext.forEach((context, connections) -> context.runOnContext(v -> {
      for (RealtimeConnection c : connections) {
        action.accept(c);
      }
    }));
  }

  void countSlow() {
    slowDisconnects.incrementAndGet();
  }

  void countSilent() {
    silentDisconnects.incrementAndGet();
  }

  void recordBacklog(int bytes) {
    largestBacklog.accumulateAndGet(bytes, Math::max);
  }

  private static void onContextOf(RealtimeConnection c, Consumer<RealtimeConnection> action) {
    if (Vertx.currentContext() == c.context) {
      action.accept(c);
    } else {
      c.context.runOnContext(v -> action.accept(c));
    }
  }
}
