package vn.lienlac.infra.district;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "district", mixinStandardHelpOptions = true,
    description = {"Cơ sở dữ liệu ngành / the district education database: seed, sync, report.",
        "Seed a sandbox one, copy it into our directory schema, report its data-quality problems."},
    subcommands = {SeedCommand.class, SyncCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class DistrictCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
