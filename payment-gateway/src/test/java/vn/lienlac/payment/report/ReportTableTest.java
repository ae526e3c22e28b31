package vn.lienlac.payment.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.csv.Csv;

class ReportTableTest {

  static final ReportTable TABLE = new ReportTable("outstanding-by-student", List.of("student_id", "student_name", "outstanding"),
      List.of(new JsonObject().put("student_id", "ST1").put("student_name", "Nguyễn Minh An, \"Bé\"").put("outstanding", 600_000L),
          new JsonObject().put("student_id", "ST2").putNull("student_name").put("outstanding", 0L)));

  @Test
  void csv_keeps_vietnamese_text_quotes_and_commas() {
    String csv = new String(TABLE.csv(), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFF");
    List<List<String>> rows = Csv.parse(csv.substring(1));
    assertThat(rows.get(0)).containsExactly("student_id", "student_name", "outstanding");
    assertThat(rows.get(1)).containsExactly("ST1", "Nguyễn Minh An, \"Bé\"", "600000");
    assertThat(rows.get(2)).containsExactly("ST2", "", "0");
  }

  @Test
  void xlsx_holds_the_header_text_and_amounts_as_numbers() throws Exception {
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(TABLE.xlsx()))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(wb.getFirstSheet().getName()).isEqualTo("outstanding-by-student");
      assertThat(rows.get(0).getCellText(1)).isEqualTo("student_name");
      assertThat(rows.get(1).getCellText(1)).isEqualTo("Nguyễn Minh An, \"Bé\"");
      assertThat(rows.get(1).getCellAsNumber(2).orElseThrow().longValue()).isEqualTo(600_000);
    }
  }
}
