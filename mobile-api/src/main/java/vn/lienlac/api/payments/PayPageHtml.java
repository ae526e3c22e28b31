package vn.lienlac.api.payments;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import vn.lienlac.payment.qr.PayPage;
import vn.lienlac.payment.reminder.Money;

/**
 * The public payment page as HTML, in Vietnamese or English, texts from the {@code payments/paypage} bundle.
 * Self-contained (inline style and SVG, no script), so it opens fast in the browser an SMS link starts.
 * Every value from the database is escaped.
 */
final class PayPageHtml {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:1rem auto;padding:0 1rem;"
      + "color:#222}svg{width:100%;height:auto;max-width:20rem;display:block;margin:0 auto}dt{color:#666;font-size:.9em}"
      + "dd{margin:0 0 .6rem;font-weight:600}table{width:100%;border-collapse:collapse}td{padding:.2rem 0}"
      + "td:last-child{text-align:right}.note{color:#666;font-size:.85em}";

  private final ResourceBundle texts;
  private final String language;

  PayPageHtml(boolean english) {
    Locale locale = english ? Locale.ENGLISH : Locale.forLanguageTag("vi");
    // Vietnamese (the base bundle) is the default whatever the JVM's locale, as for problems.
    this.texts = ResourceBundle.getBundle("vn.lienlac.api.payments.paypage", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.language = english ? "en" : "vi";
  }

  String language() {
    return language;
  }

  /** @param qrSvg the QR of {@link PayPage#vietQr()} as SVG, or null when the page asks for no transfer */
  String page(PayPage page, String qrSvg) {
    StringBuilder body = new StringBuilder("<h1>").append(text("title")).append("</h1>");
    body.append("<dl>").append(item("school", page.schoolName()));
    if (!page.household()) {
      body.append(item("period", page.parts().get(0).periodLabel()));
    }
    body.append(item("due", page.dueDate().format(DAY))).append(item("amount", Money.dong(page.outstanding()) + " đ"))
        .append("</dl>");
    if (page.outstanding() <= 0) {
      body.append("<p><strong>").append(text("paid")).append("</strong></p>");
    } else if (!page.payable()) {
      body.append("<p>").append(text("no-account")).append("</p>");
    } else {
      body.append("<p>").append(text("scan")).append("</p>").append(svgElement(qrSvg)).append("<dl>")
          .append(item("bank", page.account().getString("bankName")))
          .append(item("account", page.account().getString("accountNumber")))
          .append(item("holder", page.account().getString("accountHolder")))
          .append(item("memo", page.reference())).append("</dl>");
    }
    if (page.household()) {
      body.append("<p>").append(text("household")).append("</p><table>");
      for (PayPage.Part part : page.parts()) {
        body.append("<tr><td>").append(escape(part.periodLabel())).append(" · ").append(escape(part.reference()))
            .append("</td><td>").append(Money.dong(part.outstanding())).append(" đ</td></tr>");
      }
      body.append("</table>");
    }
    body.append("<p class=\"note\">").append(text("privacy")).append("</p>");
    return document(text("title"), body);
  }

  String notFound() {
    return document(text("not-found-title"), new StringBuilder("<h1>").append(text("not-found-title"))
        .append("</h1><p>").append(text("not-found")).append("</p>"));
  }

  private String document(String title, CharSequence body) {
    return "<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
        + "<title>" + title + "</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>\n";
  }

  private String item(String key, String value) {
    return "<dt>" + text(key) + "</dt><dd>" + escape(value == null ? "" : value) + "</dd>";
  }

  private String text(String key) {
    return escape(texts.getString(key));
  }

  /** The QR SVG inline: the XML declaration of the standalone file does not belong inside HTML. */
  private static String svgElement(String svg) {
    return svg.substring(svg.indexOf("<svg")).strip();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
