package vn.lienlac.infra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.testing.TestServices;

class MigrationsTest {

  @Test
  void migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing() {
    PgUrl url = TestServices.freshDatabase("migrate");
    try {
      SchemaMigrations migrations = ModuleMigrations.of(url);
      assertThat(migrations.pending()).isNotEmpty();

      assertThat(migrations.migrate()).allMatch(applied -> applied.migrations() > 0);
      assertThat(migrations.pending()).isEmpty();
      assertThat(migrations.migrate()).allMatch(applied -> applied.migrations() == 0);
      assertThat(LocalDatabases.value(url,
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'directory'"))
          .isEqualTo("12");
    } finally {
      TestServices.dropDatabase(url);
    }
  }
}
