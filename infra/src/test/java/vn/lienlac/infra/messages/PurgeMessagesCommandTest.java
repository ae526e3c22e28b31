package vn.lienlac.infra.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.lienlac.infra.launcher.Main;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;

class PurgeMessagesCommandTest {

  PgUrl url;

  /** Three messages of 25 recipients each: two of last school year, one of this. */
  @BeforeEach
  void database() {
    url = TestServices.freshDatabase("messages_purge");
    ModuleMigrations.of(url).migrate();
    TestServices.execute(url, """
        INSERT INTO messaging.message (id, kind, sender_subject, sender_role, body, school_year, status, created_at)
        VALUES (1, 'announcement', 's:1', 'principal', 'a', '2024-2025', 'done', '2025-03-01'),
               (2, 'announcement', 's:1', 'principal', 'b', '2024-2025', 'done', '2025-05-01'),
               (3, 'announcement', 's:1', 'principal', 'c', '2025-2026', 'queued', '2025-10-01')""");
    TestServices.execute(url, """
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids)
        SELECT m, g, ARRAY['S' || g] FROM generate_series(1, 3) m, generate_series(1, 25) g""");
    TestServices.execute(url, """
        INSERT INTO messaging.message_count (message_id, shard, recipients)
        SELECT m, s, 1 FROM generate_series(1, 3) m, generate_series(0, 15) s""");
    TestServices.execute(url, """
        INSERT INTO messaging.message_audience (message_id, position, scope, value)
        SELECT m, 0, 'school', 'S1' FROM generate_series(1, 3) m""");
  }

  @AfterEach
  void drop() {
    TestServices.dropDatabase(url);
  }

  @Test
  void purge_removes_the_messages_before_the_date_in_batches_and_says_what_it_removed() {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute("messages", "purge", "--before", "2025-08-01", "--batch", "10", "--pause-ms", "1",
        "--pg-url", url.uri());

    assertThat(exit).isEqualTo(0);
    assertThat(out.toString()).contains("removed 2 messages and 50 recipient rows created before 2025-08-01");
    assertThat(LocalDatabases.value(url, "SELECT string_agg(id::text, ',') FROM messaging.message")).isEqualTo("3");
    assertThat(LocalDatabases.value(url, "SELECT count(*) FROM messaging.recipient")).isEqualTo("25");
    assertThat(LocalDatabases.value(url, "SELECT count(DISTINCT message_id) FROM messaging.message_count")).isEqualTo("1");
    assertThat(LocalDatabases.value(url, "SELECT count(*) FROM messaging.message_audience")).isEqualTo("1");
  }

  @Test
  void a_date_that_is_not_a_date_is_refused() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("messages", "purge", "--before", "01/08/2025", "--pg-url", url.uri());
    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("--before");
  }
}
