package vn.lienlac.api.v1;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of a list: the sort key of the last item returned, so the next page starts
 * strictly after it ({@code WHERE (sort, id) > ($x, $y)}) and stays right when rows are inserted between
 * requests. On the wire it is base64url (no padding) of a JSON array whose first element names the
 * listing; decoding checks that name and the type of every key part, so a cursor from another list or
 * one edited by hand is refused, never misread. A cursor carries no authority: the query still joins
 * the caller's reach, so the worst an edited cursor can do is start elsewhere in what they may see.
 *
 * @param listing which list the cursor belongs to (e.g. {@code class-roster})
 * @param parts the types of the sort key, in order: {@code String} or {@code Long}
 */
public record Cursor(String listing, List<Class<?>> parts) {

  /** Longest cursor accepted (the contract says the same); a real one is far shorter. */
  public static final int MAX_LENGTH = 2048;

  public static Cursor of(String listing, Class<?>... parts) {
    for (Class<?> p : parts) {
      if (p != String.class && p != Long.class) {
        throw new IllegalArgumentException("cursor key parts are String or Long, not " + p.getSimpleName());
      }
    }
    return new Cursor(listing, List.of(parts));
  }

  /** A cursor that was not made by this listing, or not by us. */
  public static final class Invalid extends Exception {
    public Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  public String encode(Object... key) {
    if (key.length != parts.size()) {
      throw new IllegalArgumentException(listing + " cursor has " + parts.size() + " parts, got " + key.length);
    }
    JsonArray a = new JsonArray().add(listing);
    for (int i = 0; i < key.length; i++) {
      if (!parts.get(i).isInstance(key[i])) {
        throw new IllegalArgumentException(listing + " cursor part " + i + " must be " + parts.get(i).getSimpleName());
      }
      a.add(key[i]);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(a.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The key parts in order, checked against this listing's shape. */
  public List<Object> decode(String cursor) throws Invalid {
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw new Invalid("must be a cursor returned as nextCursor by this list");
    }
    JsonArray a;
    try {
      a = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (RuntimeException e) { // base64, JSON or "not an array": all mean not ours
      throw new Invalid("is not a cursor returned by this API");
    }
    if (a.size() != parts.size() + 1 || !listing.equals(a.getValue(0))) {
      throw new Invalid("belongs to another list or was altered");
    }
    List<Object> key = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      Object v = a.getValue(i + 1);
      if (parts.get(i) == Long.class && (v instanceof Integer || v instanceof Long)) {
        Number n = (Number) v;
        key.add(n.longValue());
      } else if (parts.get(i) == String.class && v instanceof String s) {
        key.add(s);
      } else {
        throw new Invalid("was altered");
      }
    }
    return key;
  }
}
