package vn.lienlac.api.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How realtime behaves in one api process. Defaults follow the protocol (see the module README):
 * pings every 25 s, a connection that sent nothing for 60 s is closed, 10 s to authenticate.
 *
 * @param channel the Redis pub/sub channel every api process of one deployment shares
 * @param pingInterval how often the server pings an authenticated connection
 * @param idleTimeout a connection that sent nothing (not even a pong) for this long is closed
 * @param authTimeout how long a connection may stay open without authenticating
 * @param catchUpInterval how often the process checks the database for events its connections missed
 *     (the safety net when a Redis publish was lost)
 * @param maxBacklogBytes bytes a connection may queue beyond the socket's write buffer before it is
 *     disconnected as too slow
 * @param slowClientTimeout how long a connection's write queue may stay full before it is disconnected
 * @param retention how long events are kept for replay (at least 24 h in production)
 * @param purgeInterval how often the purge of events older than the retention runs
 */
public record RealtimeOptions(String channel, Duration pingInterval, Duration idleTimeout, Duration authTimeout,
                              Duration catchUpInterval, int maxBacklogBytes, Duration slowClientTimeout,
                              Duration retention, Duration purgeInterval) {

  public static final String DEFAULT_CHANNEL = "lienlac:rt";
  /** Bytes Netty buffers for a socket before {@code writeQueueFull()}; the backlog comes on top. */
  public static final int WRITE_QUEUE_BYTES = 64 * 1024;

  public RealtimeOptions {
    Objects.requireNonNull(channel, "channel");
    positive(pingInterval, "pingInterval");
    positive(idleTimeout, "idleTimeout");
    positive(authTimeout, "authTimeout");
    positive(catchUpInterval, "catchUpInterval");
    positive(slowClientTimeout, "slowClientTimeout");
    positive(retention, "retention");
    positive(purgeInterval, "purgeInterval");
    if (idleTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException("the idle timeout (" + idleTimeout + ") must be longer than the ping interval ("
          + pingInterval + "), or live clients would be closed between two pings");
    }
    if (maxBacklogBytes < 1024) {
      throw new IllegalArgumentException("the realtime backlog limit must be at least 1024 bytes, got " + maxBacklogBytes);
    }
  }

  public static RealtimeOptions defaults() {
    return new RealtimeOptions(DEFAULT_CHANNEL, Duration.ofSeconds(25), Duration.ofSeconds(60), Duration.ofSeconds(10),
        Duration.ofSeconds(5), 256 * 1024, Duration.ofSeconds(30), Duration.ofHours(48), Duration.ofMinutes(10));
  }

  public RealtimeOptions withChannel(String c) {
    return new RealtimeOptions(c, pingInterval, idleTimeout, authTimeout, catchUpInterval, maxBacklogBytes,
        slowClientTimeout, retention, purgeInterval);
  }

  public RealtimeOptions withHeartbeat(Duration ping, Duration idle) {
    return new RealtimeOptions(channel, ping, idle, authTimeout, catchUpInterval, maxBacklogBytes,
        slowClientTimeout, retention, purgeInterval);
  }

  public RealtimeOptions withAuthTimeout(Duration d) {
    return new RealtimeOptions(channel, pingInterval, idleTimeout, d, catchUpInterval, maxBacklogBytes,
        slowClientTimeout, retention, purgeInterval);
  }

  public RealtimeOptions withCatchUpInterval(Duration d) {
    return new RealtimeOptions(channel, pingInterval, idleTimeout, authTimeout, d, maxBacklogBytes,
        slowClientTimeout, retention, purgeInterval);
  }

  public RealtimeOptions withBacklog(int bytes, Duration slowFor) {
    return new RealtimeOptions(channel, pingInterval, idleTimeout, authTimeout, catchUpInterval, bytes,
        slowFor, retention, purgeInterval);
  }

  public RealtimeOptions withRetention(Duration keep, Duration purgeEvery) {
    return new RealtimeOptions(channel, pingInterval, idleTimeout, authTimeout, catchUpInterval, maxBacklogBytes,
        slowClientTimeout, keep, purgeEvery);
  }

  /**
   * How often the one sweep over all connections runs: a fifth of the shortest timeout, between
   * 100 ms and 5 s.
   */
  public Duration sweepInterval() {
    long shortest = Math.min(pingInterval.toMillis(), Math.min(authTimeout.toMillis(), slowClientTimeout.toMillis()));
    return Duration.ofMillis(Math.max(100, Math.min(5_000, shortest / 5)));
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("realtime " + name + " must be a positive duration, got " + d);
    }
  }
}
