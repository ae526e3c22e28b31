package vn.lienlac.api.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.template.RecipientContext;
import vn.lienlac.messaging.template.TemplateProblem;
import vn.lienlac.messaging.template.TemplateTexts;

/**
 * One inbox row as the app shows it, in the guardian's language: a templated message is rendered for
 * this guardian and the children it concerns; a recalled one shows only that it was recalled; a message
 * with an English text shows it to English readers.
 */
final class InboxItems {

  private static final Logger LOG = LoggerFactory.getLogger(InboxItems.class);
  static final int PREVIEW_CHARS = 160;

  /** Columns every inbox query selects, named as {@link #item} reads them. */
  static final String COLUMNS = """
      r.message_id, r.student_ids, r.read_at, r.acked_at,
      m.kind, m.thread_id, m.title, m.body, m.title_en, m.body_en, m.template_key, m.template_variables,
      m.attachments, m.priority, m.require_ack, m.send_at, m.expires_at, m.edited_at, m.recalled_at, m.reminder_of,
      m.sender_name, m.sender_role, m.school_code,
      (SELECT sc.name FROM directory.school sc WHERE sc.code = m.school_code) AS school_name,
      (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', s.full_name, 'className', c.name) ORDER BY u.n), '[]')
         FROM unnest(r.student_ids) WITH ORDINALITY u(id, n)
         LEFT JOIN directory.student s ON s.national_id = u.id
         LEFT JOIN directory.school_class c ON c.code = s.class_code) AS students""";

  private InboxItems() {}

  static JsonObject item(Row r, String language, String guardianName) {
    boolean recalled = r.getOffsetDateTime("recalled_at") != null;
    JsonArray students = (JsonArray) r.getValue("students");
    String title;
    String body;
    JsonArray attachments;
    if (recalled) {
      title = null;
      body = text(language, "recalled");
      attachments = new JsonArray();
    } else {
      String[] texts = texts(r, language, guardianName, students);
      title = texts[0];
      body = texts[1];
      attachments = (JsonArray) r.getValue("attachments");
    }
    JsonArray children = new JsonArray();
    for (int i = 0; i < students.size(); i++) {
      JsonObject s = students.getJsonObject(i);
      children.add(new JsonObject().put("id", s.getString("id")).put("name", s.getString("name")));
    }
    String schoolCode = r.getString("school_code");
    return new JsonObject()
        .put("id", r.getLong("message_id"))
        .put("kind", r.getString("kind"))
        .put("threadId", r.getLong("thread_id"))
        .put("reminderOf", r.getLong("reminder_of"))
        .put("title", title)
        .put("preview", body.length() <= PREVIEW_CHARS ? body : body.substring(0, PREVIEW_CHARS - 1) + "…")
        .put("body", body)
        .put("attachments", attachments)
        .put("sender", new JsonObject().put("name", r.getString("sender_name")).put("role", r.getString("sender_role")))
        .put("school", schoolCode == null ? null
            : new JsonObject().put("code", schoolCode).put("name", r.getString("school_name")))
        .put("priority", r.getString("priority"))
        .put("requireAck", r.getBoolean("require_ack"))
        .put("sentAt", time(r.getOffsetDateTime("send_at")))
        .put("expiresAt", time(r.getOffsetDateTime("expires_at")))
        .put("edited", r.getOffsetDateTime("edited_at") != null)
        .put("editedAt", time(r.getOffsetDateTime("edited_at")))
        .put("recalled", recalled)
        .put("recalledAt", time(r.getOffsetDateTime("recalled_at")))
        .put("students", children)
        .put("read", r.getOffsetDateTime("read_at") != null)
        .put("readAt", time(r.getOffsetDateTime("read_at")))
        .put("acked", r.getOffsetDateTime("acked_at") != null)
        .put("ackedAt", time(r.getOffsetDateTime("acked_at")));
  }

  /** Title and body for this reader: rendered from the template, or the English text for English readers. */
  private static String[] texts(Row r, String language, String guardianName, JsonArray students) {
    TemplateTexts texts = new TemplateTexts(r.getString("title"), r.getString("body"), r.getString("title_en"),
        r.getString("body_en"));
    if (r.getString("template_key") == null) {
      boolean english = texts.languageFor(language).equals(TemplateTexts.ENGLISH);
      return new String[] {english ? r.getString("title_en") : r.getString("title"),
          english ? r.getString("body_en") : r.getString("body")};
    }
    List<String> names = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < students.size(); i++) {
      JsonObject s = students.getJsonObject(i);
      if (s.getString("name") != null) {
        names.add(s.getString("name"));
      }
      if (s.getString("className") != null) {
        classes.add(s.getString("className"));
      }
    }
    JsonObject values = (JsonObject) r.getValue("template_variables");
    Map<String, Object> senderValues = values == null ? Map.of() : values.getMap();
    try {
      TemplateTexts.Rendered rendered = texts.render(language,
          new RecipientContext(names, classes, r.getString("school_name"), guardianName), senderValues);
      return new String[] {rendered.title(), rendered.body()};
    } catch (TemplateProblem e) {
      // Checked when sent; a value the directory no longer has (a name removed upstream) must not hide
      // the message: the reader gets the text as the school wrote it.
      LOG.warn("message {} could not be rendered for an inbox ({}); showing the template text",
          r.getLong("message_id"), e.getMessage());
      return new String[] {r.getString("title"), r.getString("body")};
    }
  }

  static String text(String language, String key) {
    Locale locale = TemplateTexts.ENGLISH.equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("vi");
    return ResourceBundle.getBundle("vn.lienlac.api.inbox.inbox", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
  }

  static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
