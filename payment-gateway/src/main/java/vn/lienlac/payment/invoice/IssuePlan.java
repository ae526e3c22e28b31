package vn.lienlac.payment.invoice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * A batch plan made concrete for writing: invoice ids reserved from the sequence (the payment
 * reference is made from the id, exactly as {@code ./lienlac invoice refs} does), households numbered,
 * the student credit each invoice uses.
 */
final class IssuePlan {

  private final BatchPlan plan;
  private final long[] ids;
  private final long[] creditUsed;
  private final List<Households.Household> households;
  private final Map<String, String> householdOf = new HashMap<>();
  private final Map<String, List<Long>> guardiansOf;
  private long[] householdIds = new long[0];

  private IssuePlan(BatchPlan plan, long[] ids, long[] creditUsed, Map<String, List<Long>> guardiansOf) {
    this.plan = plan;
    this.ids = ids;
    this.creditUsed = creditUsed;
    this.guardiansOf = guardiansOf;
    this.households = Households.of(guardiansOf);
  }

  static IssuePlan of(BatchPlan plan, RowSet<Row> reservedIds, Map<String, List<Long>> guardiansOf, Map<String, Long> credit) {
    List<BatchPlan.Invoice> invoices = plan.invoices();
    long[] ids = new long[invoices.size()];
    long[] used = new long[invoices.size()];
    int k = 0;
    for (Row r : reservedIds) {
      ids[k++] = r.getLong("id");
    }
    for (int i = 0; i < invoices.size(); i++) {
      used[i] = Math.min(invoices.get(i).total(), credit.getOrDefault(invoices.get(i).student().studentId(), 0L));
    }
    return new IssuePlan(plan, ids, used, guardiansOf);
  }

  List<Households.Household> households() {
    return households;
  }

  void numberHouseholds(RowSet<Row> reserved) {
    householdIds = new long[households.size()];
    int k = 0;
    for (Row r : reserved) {
      householdIds[k] = r.getLong("id");
      String reference = PaymentReference.of(PaymentReference.Kind.HOUSEHOLD, householdIds[k]).text();
      households.get(k).studentIds().forEach(s -> householdOf.put(s, reference));
      k++;
    }
  }

  long creditUsed() {
    long sum = 0;
    for (long u : creditUsed) {
      sum += u;
    }
    return sum;
  }

  /** Each guardian linked to a billed student, with the new invoices of their children, by guardian id. */
  Map<Long, List<Long>> invoicesByGuardian() {
    Map<Long, List<Long>> out = new TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      for (Long g : guardiansOf.get(plan.invoices().get(i).student().studentId())) {
        out.computeIfAbsent(g, x -> new ArrayList<>()).add(ids[i]);
      }
    }
    return out;
  }

  Future<Void> write(SqlClient tx, Ledger ledger, BatchRequest r, long batchId, String issuedBy) {
    List<BatchPlan.Invoice> invoices = plan.invoices();
    int n = invoices.size();
    Long[] invoiceIds = new Long[n];
    String[] students = new String[n];
    String[] references = new String[n];
    String[] householdRefs = new String[n];
    Long[] due = new Long[n];
    Long[] paid = new Long[n];
    LocalDate[] dueDates = new LocalDate[n];
    List<Object[]> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BatchPlan.Invoice inv = invoices.get(i);
      invoiceIds[i] = ids[i];
      students[i] = inv.student().studentId();
      references[i] = PaymentReference.of(PaymentReference.Kind.INVOICE, ids[i]).text();
      householdRefs[i] = householdOf.get(students[i]);
      due[i] = inv.total();
      paid[i] = creditUsed[i];
      dueDates[i] = inv.dueDate();
      short no = 1;
      for (BatchPlan.Line l : inv.lines()) {
        lines.add(new Object[] {ids[i], no++, l.feeItemId(), l.description(), l.baseAmount(), l.exemptionId(), l.discount(),
            l.amount(), l.dueDate()});
      }
    }
    Tuple householdRows = Tuple.of(batchId,
        java.util.Arrays.stream(householdIds).boxed().toArray(Long[]::new),
        households.stream().map(h -> householdOf.get(h.studentIds().first())).toArray(String[]::new),
        households.stream().map(h -> h.guardianIds().stream().map(String::valueOf).collect(Collectors.joining(","))).toArray(String[]::new));
    Tuple invoiceRows = Tuple.tuple().addString(r.schoolCode()).addLong(batchId).addString(r.periodLabel())
        .addArrayOfLong(invoiceIds).addArrayOfString(students).addArrayOfString(references).addArrayOfString(householdRefs)
        .addArrayOfLong(due).addArrayOfLong(paid).addArrayOfLocalDate(dueDates)
        .addArrayOfString(invoices.stream().map(i -> i.student().classCode()).toArray(String[]::new));
    Tuple lineRows = Tuple.tuple()
        .addArrayOfLong(lines.stream().map(l -> (Long) l[0]).toArray(Long[]::new))
        .addArrayOfShort(lines.stream().map(l -> (Short) l[1]).toArray(Short[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[2]).toArray(Long[]::new))
        .addArrayOfString(lines.stream().map(l -> (String) l[3]).toArray(String[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[4]).toArray(Long[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[5]).toArray(Long[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[6]).toArray(Long[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[7]).toArray(Long[]::new))
        .addArrayOfLocalDate(lines.stream().map(l -> (LocalDate) l[8]).toArray(LocalDate[]::new));
    return tx.preparedQuery(InvoiceBatches.INSERT_HOUSEHOLDS).execute(householdRows)
        .compose(h -> tx.preparedQuery(InvoiceBatches.INSERT_INVOICES).execute(invoiceRows))
        .compose(i -> tx.preparedQuery(InvoiceBatches.INSERT_LINES).execute(lineRows))
        .compose(l -> postIssued(tx, ledger, r.schoolCode()))
        .compose(v -> useCredit(tx, ledger, r.schoolCode(), issuedBy));
  }

  /** One entry per invoice: the family owes it (receivable), the school has earned it (fee income). */
  private Future<Void> postIssued(SqlClient tx, Ledger ledger, String school) {
    List<Future<Long>> posted = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      long amount = plan.invoices().get(i).total();
      posted.add(ledger.post(tx, new JournalEntry(school, "invoice_issued", ids[i], null, null, null, null,
          List.of(JournalLine.debit(Accounts.receivable(ids[i]), amount), JournalLine.credit(Accounts.feeIncome(school), amount)))));
    }
    return Future.all(posted).mapEmpty();
  }

  /** The student's credit pays the new invoice first: an application of kind credit_used and its entry. */
  private Future<Void> useCredit(SqlClient tx, Ledger ledger, String school, String issuedBy) {
    List<Long> inv = new ArrayList<>();
    List<String> st = new ArrayList<>();
    List<Long> amt = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (creditUsed[i] > 0) {
        inv.add(ids[i]);
        st.add(plan.invoices().get(i).student().studentId());
        amt.add(creditUsed[i]);
      }
    }
    if (inv.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(InvoiceBatches.INSERT_CREDIT_USED)
        .execute(Tuple.of(inv.toArray(Long[]::new), st.toArray(String[]::new), amt.toArray(Long[]::new), issuedBy))
        .compose(apps -> {
          List<Future<Long>> posted = new ArrayList<>();
          for (Row a : apps) {
            long amount = a.getLong("amount");
            posted.add(ledger.post(tx, new JournalEntry(school, "credit_used", a.getLong("invoice_id"), null, a.getLong("id"),
                null, null, List.of(JournalLine.debit(Accounts.studentCredit(a.getString("student_id")), amount),
                    JournalLine.credit(Accounts.receivable(a.getLong("invoice_id")), amount)))));
          }
          return Future.all(posted).mapEmpty();
        });
  }
}
