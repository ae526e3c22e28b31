package vn.lienlac.api.v1;

import java.util.List;
import vn.lienlac.api.access.MeFeature;
import vn.lienlac.api.audit.AuditFeature;
import vn.lienlac.api.directory.ClassViews;
import vn.lienlac.api.directory.SchoolProfiles;
import vn.lienlac.api.directory.StudentCards;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.devices.DevicesFeature;
import vn.lienlac.api.inbox.InboxFeatures;
import vn.lienlac.api.messages.MessagesFeature;
import vn.lienlac.api.signin.SignInFeature;
import vn.lienlac.api.auth.RevokedSessions;
import vn.lienlac.api.realtime.RealtimeFeature;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.payments.receipts.ReceiptFeature;
import vn.lienlac.api.payments.reconcile.PaymentServices;
import vn.lienlac.api.payments.reconcile.ReconDecisionFeature;
import vn.lienlac.api.payments.reconcile.ReconQueueFeature;
import vn.lienlac.payment.events.InvoiceUpdates;
import vn.lienlac.api.statements.StatementsFeature;
import vn.lienlac.api.threads.OfficeHoursFeature;
import vn.lienlac.api.threads.ThreadsFeature;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.payments.FeesFeature;
import vn.lienlac.api.payments.InvoiceBatchesFeature;
import vn.lienlac.api.payments.InvoicesFeature;
import vn.lienlac.api.payments.ReportsFeature;
import vn.lienlac.api.payments.PayPageFeature;
import vn.lienlac.api.delivery.DeliveryCosts;
import vn.lienlac.api.delivery.UnreachableWorklist;

/** Every capability of {@code /api/v1}, wired explicitly: the one place to see what the API offers. */
public final class ApiFeatures {

  private ApiFeatures() {}

  public static List<ApiFeature> all(ApiDependencies deps) {
    return List.of(new MeFeature(deps.pool()),
        new StudentCards(deps.pool()), new ClassViews(deps.pool()), new SchoolProfiles(deps.pool()),
        new AuditFeature(deps.pool()),
        new SignInFeature(deps), new DevicesFeature(deps),
        new RealtimeFeature(deps.realtime().hub(), authentication(deps)),
        new ReconQueueFeature(deps.pool()),
        new ReconDecisionFeature(deps.pool(), AuditLog.create(deps.pool(), deps.clock()),
            PaymentServices.create(new InvoiceUpdates(deps.pool(), deps.realtime().events()))),
        new ReceiptFeature(deps.vertx(), deps.pool()),
        new StatementsFeature(deps.vertx(), deps.pool(), deps.clock(), deps.webhooks().metrics()),
        new InboxFeatures(deps),
        new ThreadsFeature(deps), new OfficeHoursFeature(deps),
        new FeesFeature(deps.pool(), AuditLog.create(deps.pool(), deps.clock())),
        new InvoiceBatchesFeature(deps.pool(), AuditLog.create(deps.pool(), deps.clock()), deps.invoiceEvents()),
        new InvoicesFeature(deps.pool(), AuditLog.create(deps.pool(), deps.clock()), deps.invoiceEvents()),
        new ReportsFeature(deps.pool()),
        new MessagesFeature(deps.pool(), deps.clock()),
        // delivery (issue 5): the unreachable worklist and the cost report
        new UnreachableWorklist(deps.pool()), new DeliveryCosts(deps.pool()),
        // payments (issue 6): the public payment page behind an invoice reminder's link
        new PayPageFeature(deps.pool()));
  }

  public static Authentication authentication(ApiDependencies deps) {
    return new Authentication(deps.tokens(), SignInFeature.revocation(deps));
  }
}
