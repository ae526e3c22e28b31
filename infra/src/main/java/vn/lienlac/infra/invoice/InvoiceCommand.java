package vn.lienlac.infra.invoice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.payment.invoice.InvoiceReferences;

@Command(name = "invoice", mixinStandardHelpOptions = true,
    description = {"Hoá đơn / invoice files for accountants who work from spreadsheets."},
    subcommands = {InvoiceCommand.Refs.class, CommandLine.HelpCommand.class})
public final class InvoiceCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "refs", mixinStandardHelpOptions = true,
      description = {"Gán mã thanh toán / gives every invoice of a CSV file its payment reference and VietQR payload.",
          "Input columns: invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date",
          "[,household_id]; output adds reference,vietqr (and household_reference). invoice_id and",
          "household_id are whole numbers. A bad line means no output file, with every problem listed."})
  static final class Refs implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "invoices.csv", description = "Invoices (UTF-8 CSV).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "invoices_with_refs.csv", description = "Where to write.")
    Path out;

    @Option(names = "--bin", required = true, description = "BIN of the school's collection bank, e.g. 970436.")
    String bin;

    @Option(names = "--account", required = true, description = "The school's collection account number.")
    String account;

    @Override
    public Integer call() {
      String csv;
      try {
        csv = Files.readString(in, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserFacingException("cannot read " + in + ": " + e.getMessage());
      }
      String result = InvoiceReferences.assign(csv, new InvoiceReferences.CollectionAccount(bin, account));
      try {
        // Written beside the target and moved into place: a failure never leaves half a file.
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".invoice-refs", ".csv");
        Files.writeString(tmp, result, StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UserFacingException("cannot write " + out + ": " + e.getMessage());
      }
      System.err.println("wrote " + out);
      return 0;
    }
  }
}
