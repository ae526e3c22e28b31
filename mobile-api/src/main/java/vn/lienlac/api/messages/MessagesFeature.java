package vn.lienlac.api.messages;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import vn.lienlac.api.v1.ApiFeature;

/**
 * Announcements for staff: sending ({@code POST /messages}, {@link AnnouncementSending}) and the
 * sender's views ({@link SentMessages}). Guardians read theirs through the inbox.
 */
public final class MessagesFeature implements ApiFeature {

  private final AnnouncementSending sending;
  private final SentMessages sent;

  public MessagesFeature(Pool pool, Clock clock) {
    this.sending = new AnnouncementSending(pool, clock);
    this.sent = new SentMessages(pool);
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("sendAnnouncement").addHandler(sending::send);
    contract.getRoute("listSentMessages").addHandler(sent::list);
    contract.getRoute("getMessage").addHandler(sent::detail);
    contract.getRoute("listMessageRecipients").addHandler(sent::recipients);
  }
}
