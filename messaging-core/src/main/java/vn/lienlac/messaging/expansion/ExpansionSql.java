package vn.lienlac.messaging.expansion;

/**
 * The statements of the expansion. A chunk is one statement (so one transaction): it selects the next
 * {@code chunkSize} guardians of the audience after the resume position, in guardian id order, inserts
 * their recipient rows (one per guardian, naming the children of the audience), adds what it really
 * inserted to the count shards, and moves the position, all or nothing.
 */
final class ExpansionSql {

  private ExpansionSql() {}

  /**
   * The next message due, emergency first, whose claim is free or expired; marks it {@code expanding}.
   * Parameters: $1 worker id, $2 lease in seconds.
   */
  static final String CLAIM = """
      WITH next AS (
        SELECT e.message_id
          FROM messaging.message_expansion e
          JOIN messaging.message m ON m.id = e.message_id
         WHERE e.finished_at IS NULL AND (e.lease_until IS NULL OR e.lease_until < now())
           AND m.status IN ('scheduled', 'expanding') AND m.send_at <= now()
         ORDER BY (m.priority = 'emergency') DESC, m.send_at, m.id
         LIMIT 1
         FOR UPDATE OF e SKIP LOCKED),
      claimed AS (
        UPDATE messaging.message_expansion e
           SET claimed_by = $1, lease_until = now() + make_interval(secs => $2)
          FROM next WHERE e.message_id = next.message_id
        RETURNING e.message_id, e.after_guardian, e.chunks_done),
      started AS (
        UPDATE messaging.message m SET status = 'expanding'
          FROM claimed WHERE m.id = claimed.message_id AND m.status = 'scheduled')
      SELECT c.message_id, c.after_guardian, c.chunks_done,
             EXISTS (SELECT 1 FROM messaging.message_audience a
                      WHERE a.message_id = c.message_id AND a.scope = 'district') AS district_wide
        FROM claimed c""";

  /**
   * Where the next district-wide chunk ends: the guardian of the {@code chunkSize}-th link after the
   * position (an index-only walk of {@code guardian_student_by_guardian}); none when fewer are left.
   * Parameters: $1 after guardian, $2 chunk size.
   */
  static final String DISTRICT_CHUNK_END = """
      SELECT gs.guardian_id FROM directory.guardian_student gs
       WHERE gs.guardian_id > $1 ORDER BY gs.guardian_id OFFSET $2 - 1 LIMIT 1""";

  /**
   * A district-wide audience, one range of guardian ids ($2, $6] at a time: both bounds are parameters.
   * Every row is found by key from the range's links (an index range scan): each link's student and class
   * and its guardian by primary key, in scalar sub-selects the planner cannot turn into joins, and the
   * district's schools (a few hundred) once. So a chunk costs its own rows whatever the size of the
   * district. Written as joins, the planner estimated one school for the district (the office code comes
   * from the audience, unknown when planning) and started from the schools: every chunk walked or hashed
   * every student of the district, quadratic in its size.
   * Parameters: $1 message, $2 after guardian, $3 chunk size (a bound only), $6 last guardian of the range.
   */
  private static final String DISTRICT_CHUNK = """
      WITH links AS MATERIALIZED (
        SELECT gs.guardian_id, gs.student_id,
               (SELECT c.school_code FROM directory.student s
                  JOIN directory.school_class c ON c.code = s.class_code AND c.removed_at IS NULL
                 WHERE s.national_id = gs.student_id AND s.active) AS school_code
          FROM directory.guardian_student gs
         WHERE gs.removed_at IS NULL AND gs.guardian_id > $2 AND gs.guardian_id <= $6
           AND (SELECT g.removed_at IS NULL FROM directory.guardian g WHERE g.id = gs.guardian_id)),
      schools AS MATERIALIZED (
        SELECT sc.code FROM directory.school sc
         WHERE sc.removed_at IS NULL
           AND sc.education_office_code IN (SELECT a.value FROM messaging.message_audience a
                                             WHERE a.message_id = $1 AND a.scope = 'district'))
      SELECT l.guardian_id, array_agg(l.student_id ORDER BY l.student_id) AS student_ids,
             min(l.school_code) AS school_code
        FROM links l
       WHERE l.school_code IN (SELECT code FROM schools)
       GROUP BY l.guardian_id
       ORDER BY l.guardian_id
       LIMIT $3""";

  /**
   * Schools, grades, classes, students and guardians: starts from the students of the audience (each
   * branch an index lookup), so a class message reads its class only. A guardian scope addresses that
   * guardian alone, about their current children at the message's school (or district).
   */
  private static final String SCOPED_CHUNK = """
      SELECT p.guardian_id, array_agg(p.student_id ORDER BY p.student_id) AS student_ids,
             min(p.school_code) AS school_code
        FROM (
          SELECT gs.guardian_id, st.student_id, st.school_code
            FROM (
              SELECT s.national_id AS student_id, c.school_code
                FROM messaging.message_audience a
                JOIN directory.student s ON s.class_code = a.value AND s.active
                JOIN directory.school_class c ON c.code = s.class_code AND c.removed_at IS NULL
               WHERE a.message_id = $1 AND a.scope = 'class'
              UNION
              SELECT s.national_id, c.school_code
                FROM messaging.message_audience a
                JOIN directory.student s ON s.national_id = a.value AND s.active
                JOIN directory.school_class c ON c.code = s.class_code AND c.removed_at IS NULL
               WHERE a.message_id = $1 AND a.scope = 'student'
              UNION
              SELECT s.national_id, c.school_code
                FROM messaging.message_audience a
                JOIN directory.school_class c ON c.school_code = a.value AND c.removed_at IS NULL
                JOIN directory.student s ON s.class_code = c.code AND s.active
               WHERE a.message_id = $1 AND a.scope = 'school'
              UNION
              SELECT s.national_id, c.school_code
                FROM messaging.message_audience a
                JOIN directory.school_class c
                  ON c.school_code = split_part(a.value, ':', 1) AND c.removed_at IS NULL
                 AND c.grade = CASE WHEN a.value ~ ':[0-9]{1,2}$' THEN split_part(a.value, ':', 2)::smallint END
                JOIN directory.student s ON s.class_code = c.code AND s.active
               WHERE a.message_id = $1 AND a.scope = 'grade') st
            JOIN directory.guardian_student gs ON gs.student_id = st.student_id AND gs.removed_at IS NULL
          UNION
          SELECT gs.guardian_id, s.national_id, c.school_code
            FROM messaging.message_audience a
            JOIN messaging.message m ON m.id = a.message_id
            JOIN directory.guardian_student gs ON gs.removed_at IS NULL
             AND gs.guardian_id = CASE WHEN a.value ~ '^[0-9]{1,18}$' THEN a.value::bigint END
            JOIN directory.student s ON s.national_id = gs.student_id AND s.active
            JOIN directory.school_class c ON c.code = s.class_code AND c.removed_at IS NULL
            JOIN directory.school sc ON sc.code = c.school_code
           WHERE a.message_id = $1 AND a.scope = 'guardian'
             AND (c.school_code = m.school_code OR (m.school_code IS NULL AND sc.education_office_code = m.district_code))
        ) p
        JOIN directory.guardian g ON g.id = p.guardian_id AND g.removed_at IS NULL
       WHERE p.guardian_id > $2
       GROUP BY p.guardian_id
       ORDER BY p.guardian_id
       LIMIT $3""";

  /**
   * Parameters: $1 message, $2 after guardian, $3 chunk size, $4 worker id, $5 lease in seconds,
   * $6 (district-wide only) the last guardian of the range, which becomes the position.
   * Answers how many guardians the chunk selected, how many it inserted (a re-run after a crash inserts
   * none twice) and, for scoped audiences, which (their realtime events; a district-wide chunk does not
   * ship its 20,000 ids to the worker), and the new position (null when another worker holds the claim now).
   */
  private static final String CHUNK = """
      WITH chunk AS (%s),
      inserted AS (
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code)
        SELECT $1, guardian_id, student_ids, school_code FROM chunk
        ON CONFLICT DO NOTHING
        RETURNING guardian_id),
      counted AS (
        INSERT INTO messaging.message_count AS mc (message_id, shard, recipients)
        SELECT $1, (guardian_id %% 16)::smallint, count(*) FROM inserted GROUP BY 2
        ON CONFLICT (message_id, shard) DO UPDATE SET recipients = mc.recipients + EXCLUDED.recipients),
      moved AS (
        UPDATE messaging.message_expansion e
           SET after_guardian = greatest(%s, (SELECT max(guardian_id) FROM chunk), e.after_guardian),
               chunks_done = e.chunks_done + 1, lease_until = now() + make_interval(secs => $5)
         WHERE e.message_id = $1 AND e.claimed_by = $4
        RETURNING e.after_guardian)
      SELECT (SELECT count(*) FROM chunk) AS selected,
             (SELECT count(*) FROM inserted) AS inserted_count,
             %s AS inserted,
             (SELECT after_guardian FROM moved) AS after_guardian""";

  static final String CHUNK_DISTRICT = CHUNK.formatted(DISTRICT_CHUNK, "$6::bigint", "NULL::bigint[]");
  static final String CHUNK_SCOPED = CHUNK.formatted(SCOPED_CHUNK, "NULL::bigint",
      "(SELECT array_agg(guardian_id ORDER BY guardian_id) FROM inserted)");

  /** All rows exist: the message is {@code queued} for delivery. Parameters: $1 message, $2 worker id. */
  static final String FINISH = """
      WITH done AS (
        UPDATE messaging.message_expansion SET finished_at = now(), lease_until = NULL
         WHERE message_id = $1 AND claimed_by = $2 AND finished_at IS NULL
        RETURNING message_id)
      UPDATE messaging.message m SET status = 'queued'
        FROM done WHERE m.id = done.message_id AND m.status IN ('scheduled', 'expanding')
      RETURNING m.id""";
}
