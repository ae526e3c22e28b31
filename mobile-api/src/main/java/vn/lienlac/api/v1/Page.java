package vn.lienlac.api.v1;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import vn.lienlac.api.http.Problems;

/**
 * Cursor pagination, the one convention of every list under {@code /api/v1} (contract parameters
 * {@code Limit} and {@code Cursor}, schema {@code CursorPage}): {@code limit} 1–{@value #MAX_LIMIT}
 * (default {@value #DEFAULT_LIMIT}) and an opaque {@code cursor}; the answer is
 * {@code {"items": […], "nextCursor": "…" | null}}.
 *
 * <p>A listing runs a keyset query: {@code WHERE ($k IS NULL OR (sort, id) > ($k, $id)) ORDER BY sort, id
 * LIMIT } {@link Request#fetch()} (one more than asked, which tells whether a next page exists), then
 * {@link #answer}. Newest-first lists use {@code <} and {@code DESC} on both columns.
 */
public final class Page {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private Page() {}

  /**
   * @param limit how many items the caller asked for
   * @param after the sort key of the last item already seen, or null on the first page
   */
  public record Request(int limit, List<Object> after) {

    /** Rows to fetch: one more than the page, to know whether another follows. */
    public int fetch() {
      return limit + 1;
    }

    /** Part {@code i} of the key to continue after, or null on the first page (binds as SQL NULL). */
    public Object after(int i) {
      return after == null ? null : after.get(i);
    }
  }

  /** A {@code limit} or {@code cursor} that cannot be used; {@link #answer(RoutingContext)} says which. */
  public static final class Invalid extends Exception {
    private final String field;

    Invalid(String field, String reason) {
      super(reason, null, false, false);
      this.field = field;
    }

    public String field() {
      return field;
    }

    /** 400 {@code request-invalid} naming the parameter, like any request the contract refuses. */
    public void answer(RoutingContext ctx) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors",
          new JsonArray().add(new JsonObject().put("field", field).put("reason", field + " " + getMessage()))));
    }
  }

  /** Reads {@code limit} and {@code cursor} from the query string of a list request. */
  public static Request request(RoutingContext ctx, Cursor cursor) throws Invalid {
    return request(ctx.queryParams().get("limit"), ctx.queryParams().get("cursor"), cursor);
  }

  static Request request(String limitParam, String cursorParam, Cursor cursor) throws Invalid {
    int limit = DEFAULT_LIMIT;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        throw new Invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new Invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    if (cursorParam == null) {
      return new Request(limit, null);
    }
    try {
      return new Request(limit, cursor.decode(cursorParam));
    } catch (Cursor.Invalid e) {
      throw new Invalid("cursor", e.getMessage());
    }
  }

  /**
   * Answers 200 with the page: the first {@code limit} of the fetched rows as items, and a cursor after
   * the last of them when more rows were fetched than asked.
   */
  public static <R> void answer(RoutingContext ctx, Request request, Cursor cursor, List<R> fetched,
                                Function<R, Object> item, Function<R, Object[]> key) {
    ctx.json(body(request, cursor, fetched, item, key));
  }

  static <R> JsonObject body(Request request, Cursor cursor, List<R> fetched, Function<R, Object> item,
                             Function<R, Object[]> key) {
    JsonArray items = new JsonArray();
    int shown = Math.min(request.limit(), fetched.size());
    for (int i = 0; i < shown; i++) {
      items.add(item.apply(fetched.get(i)));
    }
    String next = fetched.size() > request.limit() ? cursor.encode(key.apply(fetched.get(shown - 1))) : null;
    return new JsonObject().put("items", items).put("nextCursor", next);
  }
}
