package vn.lienlac.infra.qr;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.lienlac.payment.vietqr.BankBins;
import vn.lienlac.payment.vietqr.VietQrDecoder;
import vn.lienlac.payment.vietqr.VietQrEncoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

@Command(name = "qr", mixinStandardHelpOptions = true,
    description = {"Mã VietQR / writes and reads VietQR (NAPAS 247) transfer payloads.",
        "Exit code 2 with a message naming the problem when the input breaks the standard."},
    subcommands = {QrCommand.Encode.class, QrCommand.Decode.class, CommandLine.HelpCommand.class})
public final class QrCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "encode", mixinStandardHelpOptions = true,
      description = {"Prints the payload of a transfer to an account (or card) at a bank.",
          "Memo text with Vietnamese diacritics is folded to ASCII; values over the limits are refused."})
  static final class Encode implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bin", required = true, description = "6-digit bank BIN, e.g. 970436 (Vietcombank).")
    String bin;

    @Option(names = "--account", required = true, description = "Account number (≤ 19), or card number with --card.")
    String account;

    @Option(names = "--card", description = "The number is a card, not an account (service QRIBFTTC).")
    boolean card;

    @Option(names = "--amount", description = "Amount in đồng (≤ 13 digits); none makes a static code.")
    Long amount;

    @Option(names = "--memo", description = "Transfer content (≤ 25 ASCII characters after folding).")
    String memo;

    @Option(names = "--bill-number", description = "Bill number (tag 62-01, ≤ 25 characters).")
    String billNumber;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(
          VietQrEncoder.encode(new VietQrPayload(bin, account, card, amount, billNumber, null, memo)));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "decode", mixinStandardHelpOptions = true,
      description = {"Prints the fields of a payload as JSON, or names what is wrong (bad CRC, bad length,",
          "unknown tag nesting, not a NAPAS transfer)."})
  static final class Decode implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PAYLOAD", description = "The text inside the QR code.")
    String payload;

    @Override
    public Integer call() {
      VietQrPayload p = VietQrDecoder.decode(payload);
      JsonObject json = new JsonObject()
          .put("bin", p.bin())
          .put("bank", BankBins.bankName(p.bin()))
          .put("account", p.account())
          .put("to", p.toCard() ? "card" : "account")
          .put("initiation", p.dynamic() ? "dynamic" : "static")
          .put("currency", "VND")
          .put("amount", p.amount())
          .put("bill_number", p.billNumber())
          .put("reference_label", p.referenceLabel())
          .put("memo", p.memo());
      spec.commandLine().getOut().println(json.encode());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
