package vn.lienlac.messaging.expansion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.events.UserEvents;

/**
 * Expands claimed messages chunk by chunk. Every step is one statement, so a process dying anywhere
 * leaves either the chunk with its position or neither; the message's claim then expires and any
 * worker resumes after the last committed chunk. Rows already present (a chunk re-run) are skipped by
 * the primary key and are not counted twice.
 *
 * <p>Realtime: {@code message.created} goes to each recipient guardian after their chunk commits, for
 * messages that fit in one chunk (classes, grades, schools), all stored by one statement. A district-wide
 * broadcast does not store a million events: after each chunk commits, its guardian-id range is announced
 * ({@link UserEvents#recipientsAdded}) and each api process raises the event for its connected guardians
 * among the chunk's recipients; the others find the message in their inbox and through delivery.
 */
public final class Expander {

  private static final Logger LOG = LoggerFactory.getLogger(Expander.class);

  private final Pool pool;
  private final String workerId;
  private final ExpansionOptions options;
  private final UserEvents events;

  /** @param events where {@code message.created} goes; the launcher plugs in the realtime publisher */
  public Expander(Pool pool, String workerId, ExpansionOptions options, UserEvents events) {
    this.pool = pool;
    this.workerId = workerId;
    this.options = options;
    this.events = events;
  }

  /** A message this worker holds: where to resume, and which walk its audience needs. */
  public record Claim(long messageId, long afterGuardian, int chunksDone, boolean districtWide) {}

  /**
   * What one chunk did ({@code inserted} names the guardians for scoped audiences only); {@code afterGuardian}
   * null when the claim was lost to another worker;
   * {@code last} when nothing of the audience lies beyond it.
   */
  public record Chunk(int selected, long insertedCount, List<Long> inserted, Long afterGuardian, boolean last) {}

  /** Claims the next due message (emergency first), or completes with null when none is waiting. */
  public Future<Claim> claim() {
    return pool.preparedQuery(ExpansionSql.CLAIM).execute(Tuple.of(workerId, leaseSeconds()))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Claim(r.getLong("message_id"), r.getLong("after_guardian"), r.getInteger("chunks_done"),
              r.getBoolean("district_wide"));
        });
  }

  /** Commits the next chunk of a claimed message. */
  public Future<Chunk> chunk(Claim claim, long afterGuardian) {
    if (!claim.districtWide()) {
      return pool.preparedQuery(ExpansionSql.CHUNK_SCOPED)
          .execute(Tuple.of(claim.messageId(), afterGuardian, options.chunkSize(), workerId, leaseSeconds()))
          .map(rows -> chunk(rows.iterator().next(), null));
    }
    return pool.preparedQuery(ExpansionSql.DISTRICT_CHUNK_END).execute(Tuple.of(afterGuardian, options.chunkSize()))
        .compose(end -> {
          boolean last = end.size() == 0;
          long upTo = last ? Long.MAX_VALUE : end.iterator().next().getLong(0);
          return pool.preparedQuery(ExpansionSql.CHUNK_DISTRICT)
              .execute(Tuple.of(claim.messageId(), afterGuardian, options.chunkSize(), workerId, leaseSeconds(), upTo))
              .map(rows -> chunk(rows.iterator().next(), last));
        });
  }

  /** @param lastRange district-wide: whether the range ran to the end; null: a short chunk is the last */
  private Chunk chunk(Row r, Boolean lastRange) {
    Long[] inserted = r.getArrayOfLongs("inserted");
    int selected = r.getLong("selected").intValue();
    return new Chunk(selected, r.getLong("inserted_count"), inserted == null ? List.of() : List.of(inserted),
        r.getLong("after_guardian"),
        lastRange != null ? lastRange : selected < options.chunkSize());
  }

  /** Marks the expansion finished and the message {@code queued}; false when the claim was lost. */
  public Future<Boolean> finish(Claim claim) {
    return pool.preparedQuery(ExpansionSql.FINISH).execute(Tuple.of(claim.messageId(), workerId))
        .map(rows -> rows.size() == 1);
  }

  /**
   * Claims one message and expands it to the end, or for at most {@code maxChunks} chunks (a stop
   * half-way leaves the claim to expire, as a crash would).
   *
   * @return the claim, or null when nothing was due
   */
  public Future<Claim> expandNext(int maxChunks) {
    return claim().compose(claim -> claim == null ? Future.succeededFuture()
        : run(claim, claim.afterGuardian(), 0, maxChunks).map(claim));
  }

  private Future<Void> run(Claim claim, long after, int chunks, int maxChunks) {
    if (chunks >= maxChunks) {
      return Future.succeededFuture();
    }
    return chunk(claim, after).compose(chunk -> {
      if (chunk.afterGuardian() == null) {
        LOG.info("message {}: claim taken over by another worker", claim.messageId());
        return Future.succeededFuture();
      }
      boolean last = chunk.last();
      if (claim.districtWide()) {
        if (chunk.insertedCount() > 0) {
          events.recipientsAdded(claim.messageId(), after, chunk.afterGuardian());
        }
      } else if (last && claim.chunksDone() == 0 && chunks == 0) {
        announce(claim.messageId(), chunk.inserted());
      }
      if (last) {
        return finish(claim).mapEmpty();
      }
      return run(claim, chunk.afterGuardian(), chunks + 1, maxChunks);
    });
  }

  /**
   * After commit and without holding the expansion up: one event per guardian, all stored by one
   * statement (a class message at 500 sends/s must not cost 40 transactions each).
   */
  private void announce(long messageId, List<Long> guardians) {
    events.publishToEach(guardians.stream().map(id -> "g:" + id).toList(), UserEvents.MESSAGE_CREATED,
            new JsonObject().put("messageId", messageId))
        .onFailure(e -> LOG.warn("message {}: realtime events not stored ({})", messageId, e.getMessage()));
  }

  private double leaseSeconds() {
    return options.lease().toMillis() / 1000.0;
  }
}
