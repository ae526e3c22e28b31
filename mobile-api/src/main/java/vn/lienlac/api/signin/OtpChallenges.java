package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The codes sent to guardians' phones ({@code api.otp_challenge}). Only a phone's latest challenge
 * can be answered, within its lifetime, once, and with fewer than {@value #MAX_FAILED_ATTEMPTS} wrong
 * tries: the fifth wrong try kills it, and only a new code (behind the send throttle) helps.
 */
final class OtpChallenges {

  static final Duration LIFETIME = Duration.ofMinutes(5);
  static final int MAX_FAILED_ATTEMPTS = 5;

  /**
   * The guardian a phone signs in as: not removed, with at least one active linked student. When one
   * number belongs to several guardian rows (a parent typed in by two schools), the lowest id wins, so
   * the same phone always becomes the same account; access covers what that row is linked to.
   */
  static final String GUARDIAN_OF_PHONE = """
      SELECT g.id, g.language
        FROM directory.guardian g
       WHERE g.phone_e164 = $1 AND g.removed_at IS NULL
         AND EXISTS (SELECT 1 FROM directory.guardian_student gs
                       JOIN directory.student s ON s.national_id = gs.student_id
                      WHERE gs.guardian_id = g.id AND gs.removed_at IS NULL AND s.active)
       ORDER BY g.id
       LIMIT 1""";
  static final String INSERT = """
      INSERT INTO api.otp_challenge (phone_e164, guardian_id, salt, code_hash, expires_at)
      VALUES ($1, $2, $3, $4, now() + $5::bigint * interval '1 second')
      RETURNING id""";
  static final String LATEST_FOR_UPDATE = """
      SELECT id, guardian_id, salt, code_hash,
             expires_at > now() AND used_at IS NULL AND locked_at IS NULL AS answerable
        FROM api.otp_challenge
       WHERE phone_e164 = $1
       ORDER BY id DESC
       LIMIT 1
         FOR UPDATE""";
  static final String USE = "UPDATE api.otp_challenge SET used_at = now() WHERE id = $1";
  static final String COUNT_FAILURE = """
      UPDATE api.otp_challenge
         SET failed_attempts = failed_attempts + 1,
             locked_at = CASE WHEN failed_attempts + 1 >= $2 THEN now() END
       WHERE id = $1""";

  private static final long NO_CHALLENGE = -1;
  private static final byte[] DECOY_SALT = new byte[OtpCodes.SALT_BYTES];
  private static final byte[] DECOY_HASH = OtpCodes.hash(DECOY_SALT, "000000");

  /** A guardian a phone number may sign in as. */
  record Guardian(long id, String language) {}

  /** A new challenge: its id and the code to send (the only place the code exists in clear). */
  record Issued(long id, String code) {}

  private final Pool pool;
  private final OtpCodes codes = new OtpCodes(new SecureRandom());

  OtpChallenges(Pool pool) {
    this.pool = pool;
  }

  /** Null when the number may not sign in. */
  Future<Guardian> guardianOf(String phoneE164) {
    return pool.preparedQuery(GUARDIAN_OF_PHONE).execute(Tuple.of(phoneE164)).map(rows -> {
      if (rows.rowCount() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Guardian(r.getLong("id"), r.getString("language"));
    });
  }

  Future<Issued> issue(String phoneE164, long guardianId) {
    String code = codes.newCode();
    byte[] salt = codes.newSalt();
    return pool.preparedQuery(INSERT).execute(Tuple.of(phoneE164, guardianId, Buffer.buffer(salt),
            Buffer.buffer(OtpCodes.hash(salt, code)), LIFETIME.toSeconds()))
        .map(rows -> new Issued(rows.iterator().next().getLong("id"), code));
  }

  /**
   * Answers the phone's latest challenge. A wrong code is counted (and committed) even though the
   * answer is a refusal.
   *
   * @return the guardian id when the code is right, else null
   */
  Future<Long> answer(String phoneE164, String code) {
    return pool.withTransaction(conn -> conn.preparedQuery(LATEST_FOR_UPDATE).execute(Tuple.of(phoneE164))
        .compose(rows -> {
          Row r = rows.iterator().hasNext() ? rows.iterator().next() : null;
          if (r == null || !r.getBoolean("answerable")) {
            // The same work as a wrong code (a hash and a write round trip), so that the time taken does not
            // tell a number with a live challenge (one of ours) from any other.
            OtpCodes.matches(DECOY_SALT, DECOY_HASH, code);
            return conn.preparedQuery(COUNT_FAILURE).execute(Tuple.of(NO_CHALLENGE, MAX_FAILED_ATTEMPTS)).map(done -> (Long) null);
          }
          long id = r.getLong("id");
          if (OtpCodes.matches(r.getBuffer("salt").getBytes(), r.getBuffer("code_hash").getBytes(), code)) {
            return conn.preparedQuery(USE).execute(Tuple.of(id)).map(done -> r.getLong("guardian_id"));
          }
          return conn.preparedQuery(COUNT_FAILURE).execute(Tuple.of(id, MAX_FAILED_ATTEMPTS)).map(done -> (Long) null);
        }));
  }
}
