package vn.lienlac.payment.invoice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/**
 * What a batch issues: one invoice per billed student with its lines. The preview shows it, the issue writes
 * exactly it (both come from {@link BatchPlanner}).
 *
 * @param exemptInFull students every line of whose invoice came to 0 đ: no invoice is issued to them
 */
public record BatchPlan(List<Invoice> invoices, List<String> exemptInFull) {

  /** A student billed by the batch. */
  public record Student(String studentId, String fullName, String classCode, int grade) {}

  /** One line: the item's amount, the exemption taken off, what is owed. */
  public record Line(long feeItemId, String description, long baseAmount, Long exemptionId, long discount, long amount,
                     LocalDate dueDate) {}

  /** One invoice: due on its earliest line's due date. */
  public record Invoice(Student student, List<Line> lines, long total, LocalDate dueDate) {}

  public BatchPlan {
    invoices = List.copyOf(invoices);
    exemptInFull = List.copyOf(exemptInFull);
  }

  public long total() {
    return invoices.stream().mapToLong(Invoice::total).sum();
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    for (Invoice i : invoices) {
      JsonArray lines = new JsonArray();
      for (Line l : i.lines()) {
        lines.add(new JsonObject().put("feeItemId", l.feeItemId()).put("description", l.description())
            .put("baseAmount", l.baseAmount()).put("exemptionId", l.exemptionId()).put("discount", l.discount())
            .put("amount", l.amount()).put("dueDate", l.dueDate().toString()));
      }
      items.add(new JsonObject().put("studentId", i.student().studentId()).put("studentName", i.student().fullName())
          .put("classCode", i.student().classCode()).put("amount", i.total()).put("dueDate", i.dueDate().toString())
          .put("lines", lines));
    }
    return new JsonObject().put("invoiceCount", invoices.size()).put("totalAmount", total())
        .put("exemptInFull", new JsonArray(exemptInFull)).put("invoices", items);
  }
}
