package vn.lienlac.api.realtime;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app's WebSocket after the upgrade. Only its own event loop touches it (the hub dispatches
 * there), so its state is plain fields: kept small, since one process holds tens of thousands, and
 * with no timers of its own (the hub's sweep calls {@link #tick}).
 *
 * <p>Ids: {@code sent} is the last event id written to the socket. An event with the next id is
 * written at once; one further ahead means something was missed (a lost Redis message), so the
 * connection reads from the database everything after {@code sent} before going on. While it reads,
 * newer ids only raise {@code known}, which makes it read again: nothing is sent twice or out of order.
 */
final class RealtimeConnection {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimeConnection.class);
  private static final int FETCH_BATCH = 100;
  private static final Buffer PING = Buffer.buffer(new byte[0]);

  enum State { AUTHENTICATING, REPLAYING, LIVE, CLOSED }

  final ServerWebSocket ws;
  final Context context;
  private final RealtimeHub hub;
  private String subject;
  private State state = State.AUTHENTICATING;
  private volatile long sent;
  private long known;
  private boolean fetching;
  private final long openedAt;
  private long lastHeard;
  private long lastPinged;
  private long fullSince;
  private int backlog;

  RealtimeConnection(ServerWebSocket ws, Context context, RealtimeHub hub, long now) {
    this.ws = ws;
    this.context = context;
    this.hub = hub;
    this.openedAt = now;
    this.lastHeard = now;
    this.lastPinged = now;
  }

  String subject() {
    return subject;
  }

  long sent() {
    return sent;
  }

  /** Caught up and following live events (read from other threads by the catch-up poll). */
  boolean isLive() {
    return state == State.LIVE && !fetching;
  }

  boolean isAuthenticating() {
    return state == State.AUTHENTICATING;
  }

  void heard(long now) {
    lastHeard = now;
  }

  /**
   * Authenticated as {@code subject}: replays what came after {@code clientLastId} (none when the app
   * has no last id), then sends {@code ready}, then live events.
   */
  void authenticated(String subject, Long clientLastId) {
    if (state != State.AUTHENTICATING) {
      return;
    }
    this.subject = subject;
    state = State.REPLAYING;
    fetching = true; // live events arriving from now on only raise `known` until the replay ends
    hub.subscribe(subject, this);
    hub.log().newest(subject).onComplete(newest -> {
      if (state == State.CLOSED) {
        return;
      }
      if (newest.failed()) {
        LOG.warn("realtime replay could not start: {}", newest.cause().getMessage());
        close((short) 1011, "try again later");
        return;
      }
      long newestId = newest.result();
      if (clientLastId == null) {
        sent = newestId;
        fetch(false, 0);
        return;
      }
      // An app with ids from elsewhere (a restored database) would otherwise wait for ids it has already.
      sent = Math.min(clientLastId, newestId);
      fetch(clientLastId < newestId, 0);
    });
  }

  /** An event announced on Redis. */
  void offer(long id, String frame) {
    if (state == State.CLOSED || state == State.AUTHENTICATING || id <= sent) {
      return;
    }
    if (!fetching && id == sent + 1) {
      writeLive(frame);
      sent = id;
      return;
    }
    behind(id);
  }

  /** The user has events up to {@code newestId}: fetch the ones not yet sent. */
  void behind(long newestId) {
    if (state == State.CLOSED || state == State.AUTHENTICATING) {
      return;
    }
    known = Math.max(known, newestId);
    if (!fetching && known > sent) {
      fetching = true;
      fetch(false, 0);
    }
  }

  /**
   * Reads and sends the stored events after {@code sent}, a batch at a time, writing only while the
   * socket's queue has room and waiting for it to drain before reading on (an app that never drains
   * is closed by the sweep after the slow-client timeout). The first batch of a replay must start right after the app's id, or
   * events it missed were already purged ({@code replayComplete: false} in {@code ready}).
   */
  private void fetch(boolean mustContinue, int emptyReads) {
    long from = sent;
    hub.log().after(subject, from, FETCH_BATCH).onComplete(read -> {
      if (state == State.CLOSED) {
        return;
      }
      if (read.failed()) {
        LOG.warn("realtime events could not be read: {}", read.cause().getMessage());
        if (state == State.REPLAYING) {
          close((short) 1011, "try again later");
        } else {
          fetching = false; // the next catch-up poll tries again
        }
        return;
      }
      List<EventFrames.Event> events = read.result();
      boolean complete = !mustContinue || (!events.isEmpty() && events.getFirst().id() == from + 1);
      boolean queueFull = false;
      for (EventFrames.Event e : events) {
        if (e.id() <= sent) {
          continue;
        }
        if (ws.writeQueueFull()) {
          queueFull = true; // the rest is read again once the socket drains: nothing piles up here
          break;
        }
        ws.writeTextMessage(e.frame());
        sent = e.id();
      }
      if (queueFull || events.size() == FETCH_BATCH || (!events.isEmpty() && known > sent)) {
        afterDrain(() -> fetch(false, 0));
        return;
      }
      if (known > sent && emptyReads == 0) {
        // Announced while this read was under way, and committed after its snapshot: read once more.
        // (Not forever: an announced id may already be purged.)
        fetch(false, 1);
        return;
      }
      if (state == State.REPLAYING) {
        state = State.LIVE;
        ws.writeTextMessage(EventFrames.ready(sent, complete));
      }
      fetching = false;
    });
  }

  private void afterDrain(Runnable next) {
    if (!ws.writeQueueFull()) {
      next.run();
      return;
    }
    if (fullSince == 0) {
      fullSince = System.currentTimeMillis();
    }
    ws.drainHandler(v -> {
      ws.drainHandler(null);
      fullSince = 0;
      if (state != State.CLOSED) {
        next.run();
      }
    });
  }

  /** Writes a live event, or disconnects a client that does not read fast enough. */
  private void writeLive(String frame) {
    if (ws.writeQueueFull()) {
      if (fullSince == 0) {
        fullSince = System.currentTimeMillis();
      }
      backlog += frame.length();
      hub.recordBacklog(backlog);
      if (backlog > hub.options().maxBacklogBytes()) {
        hub.countSlow();
        close((short) 4408, "too slow: send buffer full");
        return;
      }
    } else {
      backlog = 0;
      fullSince = 0;
    }
    ws.writeTextMessage(frame);
  }

  /** The hub's periodic sweep: authentication deadline, dead peers, stuck writes, pings. */
  void tick(long now) {
    RealtimeOptions o = hub.options();
    if (state == State.CLOSED) {
      return;
    }
    if (state == State.AUTHENTICATING) {
      if (now - openedAt > o.authTimeout().toMillis()) {
        close((short) 4401, "not authenticated in time");
      }
      return;
    }
    if (now - lastHeard > o.idleTimeout().toMillis()) {
      hub.countSilent();
      close((short) 4408, "no heartbeat");
      return;
    }
    if (fullSince != 0) {
      if (!ws.writeQueueFull()) {
        fullSince = 0;
        backlog = 0;
      } else if (now - fullSince > o.slowClientTimeout().toMillis()) {
        hub.countSlow();
        close((short) 4408, "too slow: send buffer full");
        return;
      }
    }
    if (now - lastPinged >= o.pingInterval().toMillis()) {
      lastPinged = now;
      ws.writePing(PING);
    }
  }

  void close(short code, String reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    hub.closed(this);
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
  }

  /** The socket closed (by the app, the network, or us). */
  void gone() {
    state = State.CLOSED;
    hub.closed(this);
  }
}
