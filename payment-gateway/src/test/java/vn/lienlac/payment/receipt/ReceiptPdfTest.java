package vn.lienlac.payment.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReceiptPdfTest {

  private static final ReceiptView RECEIPT = new ReceiptView(5, "BL/2026", 17, "79001", "Trường THCS Lê Quý Đôn", 9L,
      "Tháng 9/2026", "Nguyễn Văn An", 1_250_000, "TRAN THI BINH", Instant.parse("2026-09-10T03:00:00Z"),
      "ABCD2345EFGH6789", null);

  @Test
  void the_pdf_carries_the_vietnamese_text_in_an_embedded_font() throws Exception {
    byte[] pdf = ReceiptPdf.render(RECEIPT, "https://lienlac.example/receipts/verify/ABCD2345EFGH6789");
    assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    PdfReader reader = new PdfReader(pdf);
    String text = new PdfTextExtractor(reader).getTextFromPage(1);
    assertThat(text).contains("BIÊN LAI THU TIỀN").contains("BL/2026/000017").contains("1.250.000 đ")
        .contains("Trường THCS Lê Quý Đôn").contains("Tháng 9/2026");
    assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("DejaVuSans");
  }

  @Test
  void the_qr_code_decodes_to_the_verification_address() throws Exception {
    String url = "https://lienlac.example/receipts/verify/ABCD2345EFGH6789";
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(ReceiptPdf.qrPng(url)));
    int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)))).getText();
    assertThat(decoded).isEqualTo(url);
  }

  @Test
  void the_public_view_shows_only_the_students_initials() {
    assertThat(RECEIPT.publicJson().encode()).contains("N.V.A.").doesNotContain("Nguyễn").doesNotContain("TRAN THI BINH");
  }
}
