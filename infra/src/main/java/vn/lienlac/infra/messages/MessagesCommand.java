package vn.lienlac.infra.messages;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "messages", mixinStandardHelpOptions = true,
    description = {"Tin nhắn / messages: retention of announcements and their recipient rows.",
        "Needs LIENLAC_PG_URL (or --pg-url) with migrations applied."},
    subcommands = {PurgeMessagesCommand.class, CommandLine.HelpCommand.class})
public final class MessagesCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
