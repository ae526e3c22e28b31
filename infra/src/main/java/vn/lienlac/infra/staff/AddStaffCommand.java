package vn.lienlac.infra.staff;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.signin.StaffAccountAdmin;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Thêm tài khoản cán bộ / adds a staff account, checked against the directory:",
        "principal and accountant need --school (an existing school); district_officer needs --district",
        "(an education office code of the directory's schools); teacher needs --teacher (a directory teacher",
        "without an account). Without --password-stdin the account is disabled until `staff password`."})
public final class AddStaffCommand implements Callable<Integer> {

  @Mixin
  StaffDatabase database;

  @Spec
  CommandSpec spec;

  @Option(names = "--username", required = true, description = "2–64 characters: a-z, 0-9, '.', '_', '-'.")
  String username;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "teacher, accountant, principal or district_officer.")
  String role;

  @Option(names = "--school", paramLabel = "MA_TRUONG", description = "The school's code in the directory.")
  String school;

  @Option(names = "--district", paramLabel = "MA_PHONG_GD", description = "The district (education office) code.")
  String district;

  @Option(names = "--teacher", paramLabel = "MA_GV", description = "The teacher's code in the directory (teacher role).")
  String teacher;

  @Option(names = "--name", description = "Display name (default: the directory's name for teachers, else the username).")
  String name;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Option(names = "--totp", description = "Turn on a TOTP second factor and print the otpauth:// URI to enrol it.")
  boolean totp;

  @Override
  public Integer call() {
    StaffRole staffRole = StaffRole.fromCode(role.strip().toLowerCase(java.util.Locale.ROOT));
    String password = passwordStdin ? StaffDatabase.passwordFromStdin() : null;
    StaffAccountAdmin.Created created = database.run(admin -> admin.add(new StaffAccountAdmin.NewAccount(username, name,
        staffRole, school, district, teacher, password, totp)));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("created staff account '%s' (id %d, role %s)%n", created.username(), created.id(), staffRole.code());
    if (password == null) {
      out.printf("disabled until a password is set: ./lienlac staff password --username %s --password-stdin%n",
          created.username());
    }
    if (created.otpauthUri() != null) {
      out.println("TOTP: scan this with an authenticator app (shown once):");
      out.println(created.otpauthUri());
    }
    out.flush();
    return 0;
  }
}
