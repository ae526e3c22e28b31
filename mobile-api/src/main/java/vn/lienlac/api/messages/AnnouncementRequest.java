package vn.lienlac.api.messages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated announcement request: what the contract cannot say (a body of blanks, non-http links,
 * times in the past, malformed scope values) is checked here, each problem naming its field as a JSON
 * pointer, like the contract's own errors.
 */
record AnnouncementRequest(String title, String body, JsonArray attachments, String priority, boolean requireAck,
                           OffsetDateTime sendAt, OffsetDateTime expiresAt, List<Scope> audience) {

  static final int MAX_BODY = 4_000;
  /** A send time a little in the past is "now" from a phone whose clock runs behind. */
  private static final long SKEW_SECONDS = 60;
  private static final Pattern GRADE = Pattern.compile("[^:]{1,60}:[0-9]{1,2}");
  private static final Pattern GUARDIAN_ID = Pattern.compile("[0-9]{1,18}");

  /** One audience scope as given, with its position in the request. */
  record Scope(int position, String type, String value) {
    String field() {
      return "/audience/" + position + "/value";
    }
  }

  /** The request cannot be used; {@code errors} name each field. */
  static final class Invalid extends Exception {
    final JsonArray errors;

    Invalid(JsonArray errors) {
      super(null, null, false, false);
      this.errors = errors;
    }
  }

  static AnnouncementRequest parse(JsonObject json, Clock clock) throws Invalid {
    JsonArray errors = new JsonArray();
    String body = json.getString("body", "");
    if (body.isBlank()) {
      error(errors, "/body", "must not be empty");
    } else if (body.codePointCount(0, body.length()) > MAX_BODY) {
      error(errors, "/body", "must be at most " + MAX_BODY + " characters");
    }
    String title = json.getString("title");
    if (title != null && title.isBlank()) {
      title = null;
    }
    JsonArray attachments = json.getJsonArray("attachments", new JsonArray());
    for (int i = 0; i < attachments.size(); i++) {
      String url = attachments.getJsonObject(i).getString("url");
      if (!isWebLink(url)) {
        error(errors, "/attachments/" + i + "/url", "must be an http or https link");
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime sendAt = time(json, "sendAt", errors);
    if (sendAt != null && sendAt.isBefore(now.minusSeconds(SKEW_SECONDS))) {
      error(errors, "/sendAt", "must not be in the past");
    }
    OffsetDateTime expiresAt = time(json, "expiresAt", errors);
    OffsetDateTime effectiveSend = sendAt == null || sendAt.isBefore(now) ? now : sendAt;
    if (expiresAt != null && !expiresAt.isAfter(effectiveSend)) {
      error(errors, "/expiresAt", "must be after the time of sending");
    }
    List<Scope> audience = new ArrayList<>();
    JsonArray given = json.getJsonArray("audience", new JsonArray());
    for (int i = 0; i < given.size(); i++) {
      JsonObject s = given.getJsonObject(i);
      Scope scope = new Scope(i, s.getString("type"), s.getString("value").strip());
      if (scope.type().equals("grade") && !GRADE.matcher(scope.value()).matches()) {
        error(errors, scope.field(), "a grade is <school code>:<grade>, e.g. S1:6");
      } else if (scope.type().equals("guardian") && !GUARDIAN_ID.matcher(scope.value()).matches()) {
        error(errors, scope.field(), "a guardian is given by their numeric id");
      }
      audience.add(scope);
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new AnnouncementRequest(title, body, attachments, json.getString("priority", "normal"),
        json.getBoolean("requireAck", false), sendAt, expiresAt, audience);
  }

  private static boolean isWebLink(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }

  private static OffsetDateTime time(JsonObject json, String name, JsonArray errors) {
    String text = json.getString(name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      error(errors, "/" + name, "must be an RFC 3339 date-time with offset, e.g. 2026-12-01T07:00:00+07:00");
      return null;
    }
  }

  private static void error(JsonArray errors, String field, String reason) {
    errors.add(new JsonObject().put("field", field).put("reason", field.substring(field.lastIndexOf('/') + 1)
        + " " + reason));
  }
}
