package vn.lienlac.messaging.notice.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.regex.Pattern;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.notice.Notices;

/** {@link Notices} over {@code messaging.notice}; the dedup key is a unique column, so a repeat is "already done". */
public final class StoredNotices implements Notices {

  static final String UNIQUE_VIOLATION = "23505";
  static final String DEDUP_CONSTRAINT = "notice_dedup_key_key";

  static final String INSERT = """
      INSERT INTO messaging.notice (guardian_id, phone_e164, template, params, language, dedup_key, priority)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      RETURNING id""";
  static final String BY_DEDUP_KEY = "SELECT id FROM messaging.notice WHERE dedup_key = $1";

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final Pool pool;
  private final NoticeTemplates templates;

  public StoredNotices(Pool pool, NoticeTemplates templates) {
    this.pool = pool;
    this.templates = templates;
  }

  @Override
  public Future<Long> send(Notice notice) {
    try {
      validate(notice);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Tuple row = Tuple.of(notice.guardianId(), notice.phoneE164(), notice.template(),
        new JsonObject(Map.copyOf(notice.params())), notice.language(), notice.dedupKey(),
        templates.priority(notice.template()));
    // One statement is one transaction: the delivery trigger queues the attempt and notifies inside it.
    return pool.preparedQuery(INSERT).execute(row)
        .map(rows -> rows.iterator().next().getLong(0))
        .recover(e -> isRepeatedDedupKey(e)
            ? pool.preparedQuery(BY_DEDUP_KEY).execute(Tuple.of(notice.dedupKey()))
                .map(rows -> rows.iterator().next().getLong(0))
            : Future.failedFuture(e));
  }

  private void validate(Notice notice) {
    if (!E164.matcher(notice.phoneE164()).matches()) {
      throw new IllegalArgumentException("notice phone must be E.164 (+84…), got a value of "
          + notice.phoneE164().length() + " characters");
    }
    if (notice.dedupKey() != null && (notice.dedupKey().isBlank() || notice.dedupKey().length() > 200)) {
      throw new IllegalArgumentException("notice dedup key must be 1–200 characters");
    }
    templates.render(notice.template(), notice.language(), notice.params());
  }

  private static boolean isRepeatedDedupKey(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && DEDUP_CONSTRAINT.equals(pg.getConstraint());
  }
}
