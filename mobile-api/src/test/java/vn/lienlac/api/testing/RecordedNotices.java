package vn.lienlac.api.testing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.Notices;

/** Keeps the notices an API test caused, so the test can read a sign-in code as the phone would. */
public final class RecordedNotices implements Notices {

  private final List<Notice> sent = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public synchronized Future<Long> send(Notice notice) {
    sent.add(notice);
    return Future.succeededFuture(ids.incrementAndGet());
  }

  public synchronized List<Notice> all() {
    return List.copyOf(sent);
  }

  public synchronized Notice last() {
    if (sent.isEmpty()) {
      throw new AssertionError("no notice was sent");
    }
    return sent.get(sent.size() - 1);
  }
}
