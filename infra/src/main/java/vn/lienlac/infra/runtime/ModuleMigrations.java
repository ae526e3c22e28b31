package vn.lienlac.infra.runtime;

import java.util.List;
import vn.lienlac.api.ApiSchema;
import vn.lienlac.payment.PaymentSchema;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.db.SchemaMigrations.ModuleSchema;
import vn.lienlac.delivery.DeliverySchema;
import vn.lienlac.messaging.MessagingSchema;
import vn.lienlac.messaging.directory.DirectorySchema;

/** Every module's schema and migration folder, in the order they are applied. */
public final class ModuleMigrations {

  public static final List<ModuleSchema> ALL = List.of(
      new ModuleSchema(DirectorySchema.NAME, DirectorySchema.MIGRATIONS),
      new ModuleSchema(ApiSchema.NAME, ApiSchema.MIGRATIONS),
      new ModuleSchema(MessagingSchema.NAME, MessagingSchema.MIGRATIONS),
      // After messaging: the delivery queue is filled by a trigger on messaging.notice.
      new ModuleSchema(DeliverySchema.NAME, DeliverySchema.MIGRATIONS),
      new ModuleSchema(PaymentSchema.NAME, PaymentSchema.MIGRATIONS));

  private ModuleMigrations() {}

  public static SchemaMigrations of(PgUrl url) {
    return new SchemaMigrations(url, ALL);
  }
}
