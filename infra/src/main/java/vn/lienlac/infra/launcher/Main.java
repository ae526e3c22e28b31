package vn.lienlac.infra.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.lienlac.infra.bench.BenchCommand;
import vn.lienlac.infra.config.ConfigCommand;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.demo.DemoCommand;
import vn.lienlac.infra.district.DistrictCommand;
import vn.lienlac.infra.invoice.InvoiceCommand;
import vn.lienlac.infra.migration.MigrateCommand;
import vn.lienlac.infra.qr.QrCommand;
import vn.lienlac.infra.recon.ReconCommand;
import vn.lienlac.infra.staff.StaffCommand;
import vn.lienlac.infra.messages.MessagesCommand;
import vn.lienlac.infra.sandbox.SandboxCommand;
import vn.lienlac.infra.statements.StatementsCommand;

/** The one entry point of the jar; `./lienlac` runs it after finding a JDK and building the jar. */
@Command(name = "lienlac", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Liên Lạc: kết nối nhà trường và gia đình / connects Vietnamese schools and families.", ""},
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run `./lienlac <command> --help` for the options of a command.",
        "Settings come from environment variables and lienlac.yaml: see `./lienlac config`."},
    subcommands = {DemoCommand.class, ServeCommand.class, MigrateCommand.class, DistrictCommand.class, SandboxCommand.class,
        StaffCommand.class, MessagesCommand.class, vn.lienlac.infra.zalo.ZaloCommand.class, QrCommand.class,
        InvoiceCommand.class, ReconCommand.class, StatementsCommand.class, vn.lienlac.infra.ledger.LedgerCommand.class,
        BenchCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    chooseLogFormat(args);
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(Main::explainFailure)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(110);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /**
   * JSON logs are for machines (serve); a person at a terminal (demo, CLI commands) reads text.
   * LIENLAC_LOG_FORMAT overrides both. Must run before the first logger is created.
   */
  private static void chooseLogFormat(String[] args) {
    String explicit = System.getenv("LIENLAC_LOG_FORMAT");
    boolean serving = args.length > 0 && args[0].equals("serve");
    System.setProperty("lienlac.log.format",
        explicit != null && !explicit.isBlank() ? explicit : serving ? "json" : "text");
  }

  /** Expected failures (bad settings, bad input) get one clear line and exit code 2; bugs a stack trace. */
  private static int explainFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof UserFacingException) {
      cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      return 2;
    }
    e.printStackTrace(cli.getErr());
    return 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"lienlac " + (v == null ? "development build" : v)};
    }
  }
}
