package vn.lienlac.payment.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import vn.lienlac.payment.csv.Csv;

/**
 * A report as rows of named columns, exported as JSON, CSV (RFC 4180, UTF-8 with a byte-order mark so
 * spreadsheet programs read the Vietnamese right) or XLSX (numbers stay numbers). Reports are small
 * (a school's classes or students), so they are built in memory.
 *
 * @param columns the JSON keys, in order; they head the CSV and XLSX columns
 */
public record ReportTable(String name, List<String> columns, List<JsonObject> rows) {

  public ReportTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  public JsonObject json() {
    return new JsonObject().put("report", name).put("columns", new JsonArray(columns)).put("rows", new JsonArray(new ArrayList<>(rows)));
  }

  public byte[] csv() {
    StringBuilder out = new StringBuilder("\uFEFF").append(Csv.row(columns)).append("\r\n");
    for (JsonObject r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        Object v = r.getValue(c);
        cells.add(v == null ? "" : v.toString());
      }
      out.append(Csv.row(cells)).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public byte[] xlsx() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "Lien Lac", "1.0")) {
      Worksheet ws = wb.newWorksheet(name.length() > 31 ? name.substring(0, 31) : name);
      for (int c = 0; c < columns.size(); c++) {
        ws.value(0, c, columns.get(c));
        ws.style(0, c).bold().set();
      }
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < columns.size(); c++) {
          Object v = rows.get(r).getValue(columns.get(c));
          if (v instanceof Number n) {
            ws.value(r + 1, c, n);
          } else if (v != null) {
            ws.value(r + 1, c, v.toString());
          }
        }
      }
      wb.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
