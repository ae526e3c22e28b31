package vn.lienlac.infra.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.lienlac.infra.launcher.Main;

class QrCommandTest {

  record Result(int exit, String out, String err) {}

  @Test
  void encode_prints_the_payload_with_the_memo_folded_to_ascii() {
    Result r = run("qr", "encode", "--bin", "970415", "--account", "0011001932418", "--amount", "120000",
        "--memo", "ủng hộ lũ lụt");

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo(
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C");
  }

  @Test
  void decode_prints_the_fields_as_json() {
    Result r = run("qr", "decode",
        "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E");

    JsonObject json = new JsonObject(r.out());
    assertThat(json.getString("bank")).isEqualTo("Sacombank");
    assertThat(json.getLong("amount")).isEqualTo(180_000L);
    assertThat(json.getString("bill_number")).isEqualTo("NPS6869");
    assertThat(json.getString("memo")).isEqualTo("thanh toan don hang");
  }

  @Test
  void a_bad_payload_or_input_exits_non_zero_naming_the_problem() {
    Result crc = run("qr", "decode",
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9E");
    assertThat(crc.exit()).isEqualTo(2);
    assertThat(crc.err()).contains("lienlac qr decode").contains("bad CRC");

    Result memo = run("qr", "encode", "--bin", "970436", "--account", "123", "--memo", "a".repeat(26));
    assertThat(memo.exit()).isEqualTo(2);
    assertThat(memo.err()).contains("memo").contains("25");
  }

  private static Result run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
