package vn.lienlac.messaging.template;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A school's templates as the sending side uses them: a teacher or principal sends "template K with
 * these values" and the message stores a snapshot ({@link Snapshot}: {@code template_key}, the texts in
 * {@code title}/{@code body}/{@code title_en}/{@code body_en}, the values in {@code template_variables}).
 * The inbox renders it per recipient in their language, so later edits of the template do not change
 * messages already sent.
 */
public final class SchoolTemplates {

  static final String FIND = """
      SELECT key, title_vi, body_vi, title_en, body_en
        FROM messaging.message_template
       WHERE school_code = $1 AND key = $2 AND removed_at IS NULL""";

  /**
   * What a message sent from a template stores.
   *
   * @param senderValues checked: only the sender's variables, each fitting, none missing
   */
  public record Snapshot(String key, TemplateTexts texts, Map<String, Object> senderValues) {}

  private SchoolTemplates() {}

  /** The school's living template with this key, if any. */
  public static Future<Optional<TemplateTexts>> find(SqlClient client, String schoolCode, String key) {
    return client.preparedQuery(FIND).execute(Tuple.of(schoolCode, key)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new TemplateTexts(r.getString("title_vi"), r.getString("body_vi"), r.getString("title_en"),
          r.getString("body_en")));
    });
  }

  /**
   * Checks the sender's values against the texts before anything is stored: every sender variable the
   * texts use needs a value; values for variables the sender cannot give, or that do not fit, are refused.
   */
  public static Snapshot snapshot(String key, TemplateTexts texts, Map<String, Object> senderValues)
      throws TemplateProblem {
    TemplateTexts.checkSenderValues(senderValues);
    Set<String> used = texts.variables();
    for (String v : used) {
      if (TemplateVariables.FROM_SENDER.contains(v) && !senderValues.containsKey(v)) {
        throw new TemplateProblem(TemplateProblem.Kind.MISSING_VARIABLE, v);
      }
    }
    return new Snapshot(key, texts, Map.copyOf(senderValues));
  }
}
