package vn.lienlac.infra.staff;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "staff", mixinStandardHelpOptions = true,
    description = {"Tài khoản cán bộ / staff accounts: teachers from the directory, other roles by hand.",
        "Needs LIENLAC_PG_URL (or --pg-url) with migrations applied."},
    subcommands = {SyncTeachersCommand.class, AddStaffCommand.class, StaffPasswordCommand.class, CommandLine.HelpCommand.class})
public final class StaffCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
