package vn.lienlac.api.inbox;

/** Message ids in paths: positive whole numbers; anything else names no message (404 like a missing one). */
final class MessageIds {

  private MessageIds() {}

  static Long parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 18) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return null;
      }
    }
    long id = Long.parseLong(text);
    return id > 0 ? id : null;
  }
}
