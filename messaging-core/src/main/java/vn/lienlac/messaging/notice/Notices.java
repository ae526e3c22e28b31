package vn.lienlac.messaging.notice;

import io.vertx.core.Future;

/**
 * The public notice API (DESIGN.md "messaging-core"): sign-in and payments hand a notice over here and
 * it is stored durably before the future completes; the notification workers deliver it.
 */
public interface Notices {

  /** Stores the notice for delivery; completes with its id (the existing one for a repeated dedup key). */
  Future<Long> send(Notice notice);
}
