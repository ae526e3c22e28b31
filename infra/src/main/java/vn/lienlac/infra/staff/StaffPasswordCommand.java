package vn.lienlac.infra.staff;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "password", mixinStandardHelpOptions = true,
    description = {"Đặt mật khẩu / sets a staff account's password (Argon2id), read from standard input.",
        "An account waiting for its first password (e.g. a teacher from sync-teachers) can then sign in."})
public final class StaffPasswordCommand implements Callable<Integer> {

  @Mixin
  StaffDatabase database;

  @Spec
  CommandSpec spec;

  @Option(names = "--username", required = true)
  String username;

  @Option(names = "--password-stdin", required = true, description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Override
  public Integer call() {
    String password = StaffDatabase.passwordFromStdin();
    boolean enabled = database.run(admin -> admin.setPassword(username, password));
    spec.commandLine().getOut().println(enabled ? "password set; the account can sign in"
        : "password set; the account stays disabled (its teacher left the directory)");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
