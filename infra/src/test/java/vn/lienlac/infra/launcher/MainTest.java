package vn.lienlac.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void serve_refuses_to_start_naming_every_missing_setting() {
    assumeTrue(System.getenv("LIENLAC_PG_URL") == null && System.getenv("LIENLAC_REDIS_URL") == null
        && System.getenv("LIENLAC_DISTRICT_PG_URL") == null, "this test needs a process without production settings");
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("serve", "--role", "workers");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("LIENLAC_PG_URL").contains("LIENLAC_REDIS_URL")
        .contains("LIENLAC_DISTRICT_PG_URL");
  }

  @Test
  void every_command_explains_itself() {
    for (String command : new String[] {"demo", "serve", "migrate", "district", "bench", "config"}) {
      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      assertThat(cli.execute(command, "--help")).isZero();
      assertThat(out.toString()).as(command).contains("Usage: lienlac " + command);
    }
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.execute("district", "sync", "--help");
    assertThat(out.toString()).contains("--full").contains("--page-size");
  }
}
