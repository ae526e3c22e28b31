package vn.lienlac.infra.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * Writes an invoice file and a transaction file for the reconciliation benchmark, with the memo noise
 * of PAYMENTS.md: bank codes before and after, case changes, dots and spaces inside the reference,
 * truncation; plus credits without a reference, household transfers, duplicates and reversals.
 */
final class ReconFiles {

  private static final long[] FEES = {350_000, 700_000, 980_000, 1_250_000, 1_500_000, 2_100_000};
  private static final String[] FAMILY = {"NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "VO", "DANG", "BUI", "DO", "HO"};
  private static final String[] GIVEN = {"AN", "BINH", "CHAU", "DUNG", "HA", "KHANH", "LINH", "MAI", "NAM", "PHUC"};

  private ReconFiles() {}

  static void write(Path invoices, Path transactions, int n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long[] amount = new long[n + 1];
    try (BufferedWriter out = Files.newBufferedWriter(invoices, StandardCharsets.UTF_8)) {
      out.write("invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date,household_id\n");
      for (int id = 1; id <= n; id++) {
        amount[id] = FEES[random.nextInt(FEES.length)];
        String household = id % 5 == 0 ? Integer.toString(id / 5) : "";
        out.write(id + ",79" + (id % 1000) + ",S" + id + "," + name(id) + ",6A1," + amount[id] + ",2026-09-15,"
            + household + "\n");
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(transactions, StandardCharsets.UTF_8)) {
      out.write("bank_txn_id,account_number,booked_at,amount,direction,memo,payer_name,payer_account\n");
      Instant at = Instant.parse("2026-09-10T00:00:00Z");
      int written = 0;
      for (int i = 1; written < n; i++) {
        int invoice = i <= n ? i : 1 + random.nextInt(n); // each invoice paid once, then some twice
        int kind = random.nextInt(100);
        String id = "FT" + (24_255_000_000_000L + i);
        String time = at.plusSeconds(i % 86_400).toString();
        long paid = kind < 80 ? amount[invoice] : kind < 88 ? amount[invoice] / 2 : amount[invoice] + 50_000;
        String memo;
        if (kind < 93) {
          memo = noisy(PaymentReference.of(PaymentReference.Kind.INVOICE, invoice).text(), name(invoice), random);
        } else if (kind < 95) {
          memo = noisy(PaymentReference.of(PaymentReference.Kind.HOUSEHOLD, Math.max(1, invoice / 5)).text(),
              name(invoice), random);
        } else {
          memo = name(invoice) + " chuyen tien an thang 9";
        }
        out.write(id + ",0071001104341," + time + "," + paid + ",C,\"" + memo + "\"," + name(invoice) + ",0011\n");
        written++;
        if (kind == 96 && written < n) {
          out.write(id + ",0071001104341," + time + "," + paid + ",C,\"" + memo + "\"," + name(invoice) + ",0011\n");
          written++;
        }
        if (kind == 97 && written < n) {
          out.write("RV" + i + ",0071001104341," + at.plusSeconds(90_000).toString() + "," + paid
              + ",D,Hoan tra " + id + ",,\n");
          written++;
        }
      }
    }
  }

  private static String name(int id) {
    return FAMILY[id % FAMILY.length] + " VAN " + GIVEN[(id / 10) % GIVEN.length];
  }

  private static String noisy(String reference, String payer, SplittableRandom random) {
    String r = random.nextBoolean() ? reference.toLowerCase() : reference;
    if (random.nextInt(4) == 0) {
      r = r.substring(0, 4) + "." + r.substring(4, 8) + " " + r.substring(8);
    }
    if (random.nextInt(100) == 0) {
      r = r.substring(0, 8); // truncated by the bank: must not be used
    }
    return switch (random.nextInt(3)) {
      case 0 -> "MBVCB.6998628625." + r + ".CT tu 0071001104341";
      case 1 -> "884114.100924.223854." + payer + " chuyen " + r + " FT24255276428461";
      default -> r + " tien an T9";
    };
  }
}
