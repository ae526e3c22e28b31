package vn.lienlac.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienlac.api.testing.ApiTestServer.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.auth.RevokedSessions;
import vn.lienlac.api.http.ClientAddress;
import vn.lienlac.api.http.RequestIds;
import vn.lienlac.api.http.TrustedProxies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

class AuditLogTest {

  static ApiTestServer api;
  static final Instant T0 = Instant.parse("2026-11-20T01:00:00Z");
  static final AuditActor PRINCIPAL = new AuditActor("s:6", "principal", "S1", "PGD01", "203.0.113.7", "req-00000001");
  static final AuditActor OFFICER = new AuditActor("s:7", "district_officer", null, "PGD01", "198.51.100.2", "req-00000002");
  static final AuditActor OTHER_DISTRICT = new AuditActor("s:9", "principal", "S9", "PGD09", null, null);

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("audit");
    TestDistrict.create(api);
    api.sql("CREATE TABLE public.scratch (id int PRIMARY KEY, role text)");
    // The listing's fixtures, one minute apart: S1 ×5, S2, S9, district level; two share a time (ties go by id).
    record(0, AuditEntry.of(PRINCIPAL, "staff_account.role_changed", "staff_account", "11")
        .change(new JsonObject().put("role", "teacher"), new JsonObject().put("role", "accountant")));
    record(1, AuditEntry.of(OFFICER, "staff_account.created", "staff_account", "12").atSchool("S2"));
    record(2, AuditEntry.of(OTHER_DISTRICT, "staff_account.created", "staff_account", "13"));
    record(3, AuditEntry.of(OFFICER, "staff_account.created", "staff_account", "14"));
    record(4, AuditEntry.of(PRINCIPAL, "invoice.refunded", "invoice", "INV-1"));
    record(5, AuditEntry.of(PRINCIPAL, "invoice.refunded", "invoice", "INV-2"));
    record(5, AuditEntry.of(PRINCIPAL, "message.deleted", "message", "77"));
    record(6, AuditEntry.of(PRINCIPAL, "staff_account.role_changed", "staff_account", "15"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static long record(int minute, AuditEntry entry) {
    return await(AuditLog.create(api.pool, Clock.fixed(T0.plusSeconds(60L * minute), ZoneOffset.UTC)).record(entry));
  }

  private static long count(String action) {
    return await(api.pool.preparedQuery("SELECT count(*) FROM api.audit_event WHERE action = $1").execute(Tuple.of(action)))
        .iterator().next().getLong(0);
  }

  @Test
  void an_entry_written_in_a_transaction_that_rolls_back_leaves_no_audit_row_and_no_change() {
    AuditLog audit = AuditLog.create(api.pool, Clock.systemUTC());
    Future<Long> failed = api.pool.withTransaction(tx -> tx.query("INSERT INTO public.scratch VALUES (1, 'accountant')").execute()
        .compose(v -> audit.record(tx, AuditEntry.of(PRINCIPAL, "scratch.rolled_back", "scratch", "1")))
        .compose(id -> Future.failedFuture(new IllegalStateException("the change fails after its audit entry"))));
    assertThatThrownBy(() -> await(failed)).hasMessageContaining("the change fails");
    assertThat(count("scratch.rolled_back")).isZero();
    assertThat(await(api.pool.query("SELECT count(*) FROM public.scratch WHERE id = 1").execute()).iterator().next().getLong(0)).isZero();
  }

  @Test
  void an_entry_written_in_a_transaction_commits_with_the_change_it_records() {
    AuditLog audit = AuditLog.create(api.pool, Clock.systemUTC());
    long id = await(api.pool.withTransaction(tx -> tx.query("INSERT INTO public.scratch VALUES (2, 'teacher')").execute()
        .compose(v -> audit.record(tx, AuditEntry.of(PRINCIPAL, "scratch.committed", "scratch", "2")
            .change(null, new JsonObject().put("role", "teacher"))))));
    Row row = await(api.pool.preparedQuery("SELECT actor_subject, actor_role, school_code, district_code, host(ip) AS ip,"
        + " request_id, after FROM api.audit_event WHERE id = $1").execute(Tuple.of(id))).iterator().next();
    assertThat(row.getString("actor_subject")).isEqualTo("s:6");
    assertThat(row.getString("school_code")).isEqualTo("S1");
    assertThat(row.getString("district_code")).as("from the school's education office").isEqualTo("PGD01");
    assertThat(row.getString("ip")).isEqualTo("203.0.113.7");
    assertThat(row.getString("request_id")).isEqualTo("req-00000001");
    assertThat(((JsonObject) row.getValue("after")).getString("role")).isEqualTo("teacher");
  }

  @Test
  void an_actor_taken_from_a_request_carries_the_caller_the_forwarded_client_address_and_the_request_id() throws Exception {
    Router router = Router.router(api.vertx);
    router.route().handler(RequestIds::assign);
    router.route().handler(ClientAddress.resolver(TrustedProxies.parse("127.0.0.1")));
    router.route().handler(new Authentication(api.tokens, RevokedSessions.NONE));
    AuditLog audit = AuditLog.create(api.pool, Clock.systemUTC());
    router.post("/roles").handler(ctx -> audit.record(AuditEntry.of(AuditActor.of(ctx), "staff_account.role_changed",
            "staff_account", "21"))
        .onSuccess(id -> ctx.end(String.valueOf(id))).onFailure(ctx::fail));
    HttpServer server = await(api.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    try {
      HttpResponse<String> r = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/roles"))
              .POST(HttpRequest.BodyPublishers.noBody()), api.token(TestDistrict.principalOfSchool1()),
          Map.of("X-Forwarded-For", "203.0.113.50", "X-Request-Id", "req-from-the-app-1"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      Row row = await(api.pool.preparedQuery("SELECT actor_subject, actor_role, school_code, host(ip) AS ip, request_id"
          + " FROM api.audit_event WHERE id = $1").execute(Tuple.of(Long.parseLong(r.body())))).iterator().next();
      assertThat(row.getString("actor_subject")).isEqualTo("s:6");
      assertThat(row.getString("actor_role")).isEqualTo("principal");
      assertThat(row.getString("school_code")).isEqualTo("S1");
      assertThat(row.getString("ip")).isEqualTo("203.0.113.50");
      assertThat(row.getString("request_id")).isEqualTo("req-from-the-app-1");
    } finally {
      await(server.close());
    }
  }

  @Test
  void entries_must_name_their_action_and_resource_type_in_the_audit_vocabulary() {
    assertThatThrownBy(() -> AuditEntry.of(PRINCIPAL, "Role Changed!", "staff_account", "1")).hasMessageContaining("Role Changed!");
    assertThatThrownBy(() -> AuditEntry.of(PRINCIPAL, "x.y", "", "1")).hasMessageContaining("resource type");
  }

  private static JsonObject list(Caller caller, String query) {
    HttpResponse<String> r = api.get("/api/v1/audit" + query, api.token(caller));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static List<String> resources(JsonObject page) {
    List<String> out = new ArrayList<>();
    page.getJsonArray("items").forEach(o -> out.add(((JsonObject) o).getJsonObject("resource").getString("id")));
    return out;
  }

  private static final String FIXTURES = "?to=2026-11-20T02:00:00Z";

  @Test
  void a_principal_lists_their_schools_events_newest_first_with_who_what_and_from_where() {
    JsonObject page = list(TestDistrict.principalOfSchool1(), FIXTURES);
    assertThat(resources(page)).containsExactly("15", "77", "INV-2", "INV-1", "11");
    JsonObject oldest = page.getJsonArray("items").getJsonObject(4);
    assertThat(oldest.getString("at")).isEqualTo("2026-11-20T01:00:00Z");
    assertThat(oldest.getJsonObject("actor").getString("subject")).isEqualTo("s:6");
    assertThat(oldest.getString("action")).isEqualTo("staff_account.role_changed");
    assertThat(oldest.getJsonObject("before").getString("role")).isEqualTo("teacher");
    assertThat(oldest.getJsonObject("after").getString("role")).isEqualTo("accountant");
    assertThat(oldest.getString("ip")).isEqualTo("203.0.113.7");
  }

  @Test
  void a_district_officer_lists_the_events_of_every_school_of_the_district_and_of_the_district_but_not_another_district() {
    JsonObject page = list(TestDistrict.districtOfficer(), FIXTURES);
    assertThat(resources(page)).containsExactly("15", "77", "INV-2", "INV-1", "14", "12", "11").doesNotContain("13");
  }

  @Test
  void the_audit_trail_does_not_exist_for_guardians_teachers_and_accountants() {
    for (Caller c : List.of(TestDistrict.guardian(TestDistrict.G1), TestDistrict.homeroomTeacherOf6A1(),
        TestDistrict.accountantOfSchool1())) {
      assertThat(api.get("/api/v1/audit", api.token(c)).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void filters_narrow_by_time_actor_action_and_resource() {
    Caller officer = TestDistrict.districtOfficer();
    assertThat(resources(list(officer, "?from=2026-11-20T01:04:00Z&to=2026-11-20T01:06:00Z"))).containsExactly("77", "INV-2", "INV-1");
    assertThat(resources(list(officer, FIXTURES + "&from=2026-11-20T08:05:00%2B07:00"))).containsExactly("15", "77", "INV-2");
    assertThat(resources(list(officer, FIXTURES + "&actor=s:7"))).containsExactly("14", "12");
    assertThat(resources(list(officer, FIXTURES + "&action=invoice.refunded"))).containsExactly("INV-2", "INV-1");
    assertThat(resources(list(officer, FIXTURES + "&resourceType=staff_account&resourceId=11"))).containsExactly("11");
  }

  @Test
  void pages_walk_newest_first_without_repeats_even_for_events_at_the_same_instant() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = list(TestDistrict.districtOfficer(), FIXTURES + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      seen.addAll(resources(page));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).containsExactly("15", "77", "INV-2", "INV-1", "14", "12", "11");
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void a_time_that_is_not_a_date_time_is_a_400_naming_the_filter() {
    HttpResponse<String> r = api.get("/api/v1/audit?from=yesterday", api.token(TestDistrict.principalOfSchool1()));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
    assertThat(errors.getJsonObject(0).getString("field")).isEqualTo("from");
  }
}
