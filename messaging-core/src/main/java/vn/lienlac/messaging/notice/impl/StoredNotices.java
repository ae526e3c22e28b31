package vn.lienlac.messaging.notice.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.regex.Pattern;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.notice.Notices;

/**
 * {@link Notices} over {@code messaging.notice}; the dedup key is a unique column, so a repeat is "already done".
 * Over a pool each notice is its own transaction; over a connection inside a transaction it commits or
 * rolls back with the caller's work (a repeat never aborts that transaction: {@code ON CONFLICT DO NOTHING}).
 */
public final class StoredNotices implements Notices {

  static final String INSERT = """
      INSERT INTO messaging.notice (guardian_id, phone_e164, template, params, language, dedup_key, priority)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (dedup_key) DO NOTHING
      RETURNING id""";
  static final String BY_DEDUP_KEY = "SELECT id FROM messaging.notice WHERE dedup_key = $1";

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final SqlClient client;
  private final NoticeTemplates templates;

  public StoredNotices(SqlClient client, NoticeTemplates templates) {
    this.client = client;
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
    // The delivery trigger queues the attempt and notifies inside the inserting transaction. A repeated
    // dedup key inserts nothing (after waiting for a concurrent first insert to commit) and answers its id.
    return client.preparedQuery(INSERT).execute(row).compose(rows -> rows.size() > 0
        ? Future.succeededFuture(rows.iterator().next().getLong(0))
        : client.preparedQuery(BY_DEDUP_KEY).execute(Tuple.of(notice.dedupKey()))
            .map(found -> found.iterator().next().getLong(0)));
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
}
