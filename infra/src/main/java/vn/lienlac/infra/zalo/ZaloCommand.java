package vn.lienlac.infra.zalo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "zalo", mixinStandardHelpOptions = true,
    description = {"Zalo Official Account: tokens of the OA used for ZNS and OA messages.",
        "Needs LIENLAC_PG_URL (or --pg-url) with migrations applied."},
    subcommands = {ZaloSetTokenCommand.class, CommandLine.HelpCommand.class})
public final class ZaloCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
