package vn.lienlac.payment.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR images of a payload: PNG for the app and printing, SVG for the web. Error correction M (what bank
 * apps expect of VietQR, 15 % damage tolerated) and a quiet zone of four modules, as ISO/IEC 18004 asks.
 * PNG encoding is CPU work of a few milliseconds: callers on an event loop run it on a worker.
 */
public final class QrImages {

  static final int QUIET_ZONE = 4;

  private QrImages() {}

  /** The code's modules, quiet zone included, one bit per module. */
  public static BitMatrix matrix(String payload) {
    try {
      return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("payload does not fit a QR code: " + e.getMessage(), e);
    }
  }

  /** A black-and-white PNG, {@code scale} pixels per module. */
  public static byte[] png(String payload, int scale) {
    BitMatrix m = matrix(payload);
    BufferedImage image = new BufferedImage(m.getWidth() * scale, m.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
    int white = 0xFFFFFF;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, m.get(x / scale, y / scale) ? 0 : white);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * An SVG of one path: each run of dark modules in a row is one rectangle, which keeps the file small
   * and free of hairline gaps between neighbouring modules when scaled.
   */
  public static String svg(String payload) {
    BitMatrix m = matrix(payload);
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      int x = 0;
      while (x < m.getWidth()) {
        if (!m.get(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < m.getWidth() && m.get(x, y)) {
          x++;
        }
        path.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-")
            .append(x - start).append('z');
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
        + "\" width=\"" + m.getWidth() * 8 + "\" height=\"" + m.getHeight() * 8 + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
  }
}
