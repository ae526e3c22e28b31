package vn.lienlac.infra.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import vn.lienlac.infra.support.db.PgUrl;

/** What the person who typed `./lienlac demo` can do now. */
final class DemoBanner {

  private DemoBanner() {}

  static void print(PrintStream out, int httpPort, String sandbox, PgUrl ours, PgUrl district, String redis, Path dataDir,
                    DemoAccounts.Shown accounts) {
    String base = "http://localhost:" + httpPort;
    out.println();
    out.println("Liên Lạc đang chạy / is running (demo, all roles in one process)");
    out.println("  Sẵn sàng / ready:     " + base + "/health/ready");
    out.println("  Còn sống / live:      " + base + "/health/live");
    out.println("  Số liệu / metrics:    " + base + "/metrics");
    out.println("  Tin nhắn / messages:  " + sandbox + "/sandbox   (điện thoại giả lập: mã OTP, thông báo / sandbox phones: OTPs, notices)");
    out.println("  Dữ liệu / data:       " + dataDir);
    out.println();
    out.println("Tài khoản thử / demo accounts (POST " + base + "/api/v1/auth/password):");
    for (DemoAccounts.Account a : accounts.staff()) {
      out.printf("  %-30s %-16s mật khẩu / password: %s%n", a.role(), a.username(), a.password());
    }
    if (accounts.guardianPhone() != null) {
      out.println("Phụ huynh / guardian sign-in by code (POST " + base + "/api/v1/auth/otp):");
      out.println("  curl -s -XPOST " + base + "/api/v1/auth/otp -H 'content-type: application/json' -d '{\"phone\":\""
          + accounts.guardianPhone() + "\"}'");
    }
    out.println("  curl -s -XPOST " + base + "/api/v1/auth/password -H 'content-type: application/json' -d '{\"username\":\""
        + DemoAccounts.PRINCIPAL + "\",\"password\":\"" + DemoAccounts.PRINCIPAL_PASSWORD + "\"}'");
    out.println();
    out.println("Thử tiếp / try next, in another terminal:");
    out.println("  export LIENLAC_PG_URL='" + ours.uri() + "'");
    out.println("  export LIENLAC_DISTRICT_PG_URL='" + district.uri() + "'");
    out.println("  export LIENLAC_REDIS_URL='" + redis + "'");
    out.println("  ./lienlac district report            # phụ huynh có số điện thoại sai / guardians to fix");
    out.println("  ./lienlac district sync              # chép thay đổi / copy changes (also runs every 5 min)");
    out.println("  psql \"$LIENLAC_PG_URL\" -c 'select * from directory.student limit 5'");
    out.println("  curl -s " + base + "/health/ready");
    out.println("  curl -s '" + sandbox + "/sandbox/outbox?to=%2B84912345678'   # tin đã gửi tới một số / what a phone received");
    out.println();
    out.println("Ctrl-C để dừng / to stop.");
  }
}
