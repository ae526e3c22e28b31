package vn.lienlac.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PageTest {

  private static final Cursor ROSTER = Cursor.of("class-roster", String.class, String.class);
  private static final Cursor AUDIT = Cursor.of("audit", Long.class, Long.class);

  @Property
  void a_cursor_decodes_to_the_key_it_was_made_from(@ForAll @StringLength(max = 200) String name, @ForAll @StringLength(max = 40) String id, @ForAll long at, @ForAll long seq)
      throws Exception {
    assertThat(ROSTER.decode(ROSTER.encode(name, id))).containsExactly(name, id);
    assertThat(AUDIT.decode(AUDIT.encode(at, seq))).containsExactly(at, seq);
  }

  @Property
  void a_cursor_is_url_safe(@ForAll @StringLength(max = 200) String name, @ForAll @StringLength(max = 40) String id) {
    assertThat(ROSTER.encode(name, id)).matches("[A-Za-z0-9_-]*");
  }

  private static String raw(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void cursors_of_another_list_of_another_shape_or_not_ours_are_refused() {
    List<String> notRosterCursors = List.of(AUDIT.encode(1L, 2L), raw("[\"class-roster\",\"a\"]"),
        raw("[\"class-roster\",\"a\",3]"), raw("{\"class-roster\":1}"), "%%%", "", "x".repeat(3000));
    for (String bad : notRosterCursors) {
      assertThatThrownBy(() -> ROSTER.decode(bad)).as(bad).isInstanceOf(Cursor.Invalid.class);
    }
    for (String bad : List.of(raw("[\"audit\",1.5,2]"), raw("[\"audit\",1e30,2]"), raw("[\"audit\",\"1\",2]"),
        raw("[\"audit\",123456789012345678901234567890,2]"))) {
      assertThatThrownBy(() -> AUDIT.decode(bad)).as(bad).isInstanceOf(Cursor.Invalid.class);
    }
  }

  @Test
  void limit_defaults_to_50_and_must_be_1_to_200() throws Exception {
    assertThat(Page.request(null, null, ROSTER).limit()).isEqualTo(50);
    assertThat(Page.request("200", null, ROSTER).fetch()).isEqualTo(201);
    for (String bad : List.of("0", "201", "-1", "x")) {
      assertThatThrownBy(() -> Page.request(bad, null, ROSTER)).isInstanceOfSatisfying(Page.Invalid.class,
          e -> assertThat(e.field()).isEqualTo("limit"));
    }
    assertThatThrownBy(() -> Page.request("5", "garbage!", ROSTER)).isInstanceOfSatisfying(Page.Invalid.class,
        e -> assertThat(e.field()).isEqualTo("cursor"));
  }

  @Test
  void a_page_has_a_next_cursor_after_its_last_item_only_when_more_rows_were_fetched() throws Exception {
    Page.Request first = Page.request("2", null, ROSTER);
    List<String> three = List.of("An", "Bình", "Cường");
    JsonObject page = Page.body(first, ROSTER, three, s -> s, s -> new Object[] {s, "id-" + s});
    assertThat(page.getJsonArray("items")).containsExactly("An", "Bình");
    assertThat(ROSTER.decode(page.getString("nextCursor"))).containsExactly("Bình", "id-Bình");

    JsonObject last = Page.body(first, ROSTER, List.of("Cường"), s -> s, s -> new Object[] {s, s});
    assertThat(last.getJsonArray("items")).containsExactly("Cường");
    assertThat(last.containsKey("nextCursor")).isTrue();
    assertThat(last.getValue("nextCursor")).isNull();
  }
}
