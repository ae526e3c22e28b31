package vn.lienlac.api.inbox;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.api.v1.ApiFeature;

/**
 * The reading side of messaging and the sender's follow-up: the guardian's inbox and unread counts,
 * read and acknowledge, reminders to the non-readers, edit and recall within 15 minutes, and the
 * school's message templates with their preview.
 */
public final class InboxFeatures implements ApiFeature {

  private final InboxFeature inbox;
  private final ReadFeature reads;
  private final ReminderFeature reminders;
  private final SenderChanges changes;
  private final TemplatesFeature templates;
  private final TemplatePreview preview;

  public InboxFeatures(ApiDependencies deps) {
    AuditLog audit = AuditLog.create(deps.pool(), deps.clock());
    RecipientEvents recipients = new RecipientEvents(deps.pool(), deps.realtime().events());
    inbox = new InboxFeature(deps.pool(), deps.clock());
    reads = new ReadFeature(deps.pool(), deps.clock(), deps.realtime().events());
    reminders = new ReminderFeature(deps.pool(), deps.clock(), audit, recipients);
    changes = new SenderChanges(deps.pool(), deps.clock(), audit, recipients);
    templates = new TemplatesFeature(deps.pool(), audit);
    preview = new TemplatePreview(deps.pool());
  }

  @Override
  public void mount(RouterBuilder contract) {
    inbox.mount(contract);
    reads.mount(contract);
    reminders.mount(contract);
    changes.mount(contract);
    templates.mount(contract);
    preview.mount(contract);
  }
}
