package vn.lienlac.payment.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.vietqr.VietQrDecoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

class QrImagesTest {

  static final JsonObject ACCOUNT = new JsonObject().put("bin", "970436").put("accountNumber", "0011001234567")
      .put("bankName", "Vietcombank").put("accountHolder", "THCS NGUYEN DU");

  @Test
  void an_invoice_payload_pays_what_is_owed_to_the_school_account_with_the_reference_as_memo() {
    String reference = PaymentReference.of(PaymentReference.Kind.INVOICE, 42).text();
    VietQrPayload p = VietQrDecoder.decode(InvoiceQr.payload(ACCOUNT, 1_250_000, reference));
    assertThat(p.amount()).isEqualTo(1_250_000);
    assertThat(p.memo()).isEqualTo(reference);
    assertThat(p.account()).isEqualTo("0011001234567");
    assertThat(p.bin()).isEqualTo("970436");
  }

  @Test
  void the_png_reads_back_as_the_payload() throws Exception {
    String payload = InvoiceQr.payload(ACCOUNT, 600_000, PaymentReference.of(PaymentReference.Kind.INVOICE, 7).text());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrImages.png(payload, 4)));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    assertThat(read).isEqualTo(payload);
  }

  @Test
  void the_svg_paints_exactly_the_dark_modules_of_the_code() {
    String payload = InvoiceQr.payload(ACCOUNT, 600_000, PaymentReference.of(PaymentReference.Kind.INVOICE, 7).text());
    BitMatrix expected = QrImages.matrix(payload);
    String svg = QrImages.svg(payload);
    assertThat(svg).contains("viewBox=\"0 0 " + expected.getWidth() + " " + expected.getHeight() + "\"");
    BitMatrix painted = new BitMatrix(expected.getWidth(), expected.getHeight());
    Matcher runs = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
    while (runs.find()) {
      int x = Integer.parseInt(runs.group(1));
      int y = Integer.parseInt(runs.group(2));
      for (int i = 0; i < Integer.parseInt(runs.group(3)); i++) {
        painted.set(x + i, y);
      }
    }
    assertThat(painted).isEqualTo(expected);
  }
}
