package vn.lienlac.infra.support.db;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations each module owns: every module has its own schema and its own
 * migration folder ({@code db/<schema>}), with its own history table inside that schema, so one
 * module's migrations never reorder another's. Blocking (JDBC): call it off the event loop.
 */
public final class SchemaMigrations {

  /** A module's schema and the classpath folder holding its {@code V<yyyyMMddHHmm>__<what>.sql} files. */
  public record ModuleSchema(String schema, String location) {
    public static ModuleSchema of(String schema) {
      return new ModuleSchema(schema, "db/" + schema);
    }
  }

  public record Applied(String schema, int migrations, String version) {}

  private final PgUrl url;
  private final List<ModuleSchema> schemas;

  public SchemaMigrations(PgUrl url, List<ModuleSchema> schemas) {
    this.url = url;
    this.schemas = List.copyOf(schemas);
  }

  public List<Applied> migrate() {
    List<Applied> applied = new ArrayList<>();
    for (ModuleSchema schema : schemas) {
      MigrateResult result = flyway(schema).migrate();
      applied.add(new Applied(schema.schema(), result.migrationsExecuted,
          result.targetSchemaVersion == null ? "-" : result.targetSchemaVersion));
    }
    return applied;
  }

  /** Migrations known to this build but not yet applied to the database, as {@code schema:version}. */
  public List<String> pending() {
    List<String> pending = new ArrayList<>();
    for (ModuleSchema schema : schemas) {
      for (MigrationInfo info : flyway(schema).info().pending()) {
        pending.add(schema.schema() + ":" + info.getVersion());
      }
    }
    return pending;
  }

  private Flyway flyway(ModuleSchema schema) {
    return Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .schemas(schema.schema())
        .defaultSchema(schema.schema())
        .createSchemas(true)
        .locations("classpath:" + schema.location())
        .table("flyway_schema_history")
        .failOnMissingLocations(true)
        .loggers("slf4j")
        .load();
  }
}
