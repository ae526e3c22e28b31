package vn.lienlac.infra.staff;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.lienlac.api.signin.StaffAccountAdmin;

@Command(name = "sync-teachers", mixinStandardHelpOptions = true,
    description = {"Tạo tài khoản cho giáo viên / creates a teacher account per directory teacher without one.",
        "Username = teacher code in lower case; the account is disabled until `staff password` sets a password.",
        "Also follows renames and school moves, disables accounts of teachers gone from the directory and",
        "restores them when the teacher comes back.",
        "Safe to run again (run it after each `district sync`)."})
public final class SyncTeachersCommand implements Callable<Integer> {

  @Mixin
  StaffDatabase database;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    StaffAccountAdmin.TeacherSync done = database.run(StaffAccountAdmin::syncTeachers);
    spec.commandLine().getOut().printf(
        "teacher accounts: %d created (disabled until a password is set), %d updated, %d disabled, %d restored%n",
        done.created(), done.updated(), done.disabled(), done.restored());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
