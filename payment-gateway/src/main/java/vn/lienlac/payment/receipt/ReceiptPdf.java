package vn.lienlac.payment.receipt;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import vn.lienlac.payment.reconcile.PaymentNotifier;

/**
 * The printable receipt: an A5 page in Vietnamese with the number, school, payer, student, period,
 * amount and a QR code of the public verification address. The font is DejaVu Sans, embedded (its
 * licence allows it; see {@code fonts/DejaVu-LICENSE.txt}), because the standard PDF fonts have no
 * Vietnamese letters. CPU work: call it off the event loop.
 */
public final class ReceiptPdf {

  private static final byte[] FONT = load("fonts/DejaVuSans.ttf");

  private ReceiptPdf() {}

  /** The PDF bytes; {@code verifyUrl} is the address the QR code points to. */
  public static byte[] render(ReceiptView r, String verifyUrl) {
    try {
      BaseFont base = BaseFont.createFont("DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, FONT, null);
      Font title = new Font(base, 16, Font.BOLD);
      Font body = new Font(base, 11);
      Font small = new Font(base, 9, Font.NORMAL, Color.DARK_GRAY);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Document doc = new Document(PageSize.A5, 36, 36, 36, 36);
      PdfWriter.getInstance(doc, out);
      doc.open();
      doc.add(centered(r.schoolDisplayName(), body));
      doc.add(centered("BIÊN LAI THU TIỀN", title));
      doc.add(centered("Số: " + r.numberText() + "  ·  Ngày " + r.issuedDate(), body));
      if (r.voidedAt() != null) {
        doc.add(centered("ĐÃ HỦY", new Font(base, 14, Font.BOLD, Color.RED)));
      }
      doc.add(new Paragraph(" ", body));
      doc.add(new Paragraph("Người nộp: " + nullToDash(r.payerName()), body));
      doc.add(new Paragraph("Học sinh: " + nullToDash(r.studentName()), body));
      doc.add(new Paragraph("Nội dung: " + (r.periodLabel() == null ? "Tiền dư ghi có cho học sinh" : r.periodLabel()), body));
      doc.add(new Paragraph("Số tiền: " + PaymentNotifier.formatDong(r.amount()), body));
      doc.add(new Paragraph(" ", body));
      Image qr = Image.getInstance(qrPng(verifyUrl));
      qr.scaleAbsolute(110, 110);
      qr.setAlignment(Element.ALIGN_CENTER);
      doc.add(qr);
      doc.add(centered("Quét mã để kiểm tra biên lai · mã " + r.verifyCode(), small));
      doc.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Paragraph centered(String text, Font font) {
    Paragraph p = new Paragraph(text, font);
    p.setAlignment(Element.ALIGN_CENTER);
    return p;
  }

  private static String nullToDash(String s) {
    return s == null || s.isBlank() ? "—" : s;
  }

  /** A black-and-white PNG of the QR code, as bytes. */
  static byte[] qrPng(String text) throws IOException {
    try {
      BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
      int scale = 4;
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(m.getWidth() * scale, m.getHeight() * scale,
          java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          img.setRGB(x, y, m.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      javax.imageio.ImageIO.write(img, "png", png);
      return png.toByteArray();
    } catch (WriterException e) {
      throw new IOException("cannot encode the verification address as a QR code", e);
    }
  }

  private static byte[] load(String resource) {
    try (InputStream in = ReceiptPdf.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
