package vn.lienlac.infra.statements;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "statements", mixinStandardHelpOptions = true,
    description = {"Sao kê ngân hàng / bank statements of the collection accounts."},
    subcommands = {ImportStatementCommand.class, CommandLine.HelpCommand.class})
public final class StatementsCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
