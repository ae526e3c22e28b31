package vn.lienlac.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.access.AuthorizationMatrixTest.Role.*;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.infra.support.testing.TestServices;

/**
 * Every endpoint × every role × a resource of their own, of another family, class, school and district:
 * 200 inside the caller's reach, 404 outside it, and that 404 is the very answer a resource that does not
 * exist gets. A new endpoint adds its rows to {@link #MATRIX}; {@link #every_operation_of_the_contract_is_in_the_matrix}
 * fails until it does. Writes outside reach must also leave every table of the {@code api} schema unchanged.
 */
class AuthorizationMatrixTest {

  enum Role {
    G1_FATHER_OF_ST1_AND_ST2(() -> TestDistrict.guardian(TestDistrict.G1)),
    G2_MOTHER_OF_ST2(() -> TestDistrict.guardian(TestDistrict.G2)),
    G3_FATHER_OF_ST3(() -> TestDistrict.guardian(TestDistrict.G3)),
    G4_FATHER_OF_DEPARTED_ST4(() -> TestDistrict.guardian(TestDistrict.G4)),
    T1_HOMEROOM_6A1(TestDistrict::homeroomTeacherOf6A1),
    T2_HOMEROOM_6A2(TestDistrict::homeroomTeacherOf6A2),
    T3_MATHS_6A1(TestDistrict::mathsTeacherOf6A1),
    T4_TEACHER_S2(TestDistrict::teacherOfSchool2),
    T9_TEACHER_OTHER_DISTRICT(TestDistrict::teacherOfSchool9),
    ACCOUNTANT_S1(TestDistrict::accountantOfSchool1),
    PRINCIPAL_S1(TestDistrict::principalOfSchool1),
    DISTRICT_OFFICER_PGD01(TestDistrict::districtOfficer);

    final Supplier<Caller> caller;

    Role(Supplier<Caller> caller) {
      this.caller = caller;
    }
  }

  /**
   * One resource of one endpoint and the roles that may reach it (everyone else: 404).
   *
   * @param operationId the contract operation the probe exercises
   * @param missing the same operation on a resource that does not exist, whose 404 the refusals must equal
   * @param body the request body of a write, null for reads
   * @param missingBody the body of the probe of something that does not exist, when it lies in the body
   */
  record Probe(String operationId, String method, String path, String resource, Set<Role> allowed, String missing,
               JsonObject body, JsonObject missingBody) {
    Probe(String operationId, String method, String path, String resource, Set<Role> allowed, String missing,
          JsonObject body) {
      this(operationId, method, path, resource, allowed, missing, body, body);
    }

    @Override
    public String toString() {
      return method + " " + path + " (" + resource + ")";
    }
  }

  /** An announcement by T1 (staff account 1) to their class, stored at start. */
  private static final long T1_MESSAGE = 900_001;

  private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
  private static final Set<Role> NOBODY = EnumSet.noneOf(Role.class);

  static final List<Probe> MATRIX = List.of(
      get("getMe", "/me", "the caller themself", EVERYONE, null),

      get("getStudent", "/students/ST1", "G1's child in S1-6A1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, T1_HOMEROOM_6A1, T3_MATHS_6A1, ACCOUNTANT_S1, PRINCIPAL_S1), "/students/NO-SUCH"),
      get("getStudent", "/students/ST2", "sibling in S1-6A2, also G2's",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, G2_MOTHER_OF_ST2, T2_HOMEROOM_6A2, ACCOUNTANT_S1, PRINCIPAL_S1), "/students/NO-SUCH"),
      get("getStudent", "/students/ST3", "another family in school S2",
          EnumSet.of(G3_FATHER_OF_ST3, T4_TEACHER_S2), "/students/NO-SUCH"),
      get("getStudent", "/students/ST4", "departed from S1-6A1",
          EnumSet.of(G4_FATHER_OF_DEPARTED_ST4, ACCOUNTANT_S1, PRINCIPAL_S1), "/students/NO-SUCH"),
      get("getStudent", "/students/ST9", "another district",
          EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/students/NO-SUCH"),
      get("getStudent", "/students/NO-SUCH", "does not exist", NOBODY, "/students/NO-SUCH"),

      get("getClass", "/classes/S1-6A1", "homeroom T1, maths T3",
          EnumSet.of(T1_HOMEROOM_6A1, T3_MATHS_6A1, ACCOUNTANT_S1, PRINCIPAL_S1), "/classes/NO-SUCH"),
      get("getClass", "/classes/S1-6A2", "homeroom T2",
          EnumSet.of(T2_HOMEROOM_6A2, ACCOUNTANT_S1, PRINCIPAL_S1), "/classes/NO-SUCH"),
      get("getClass", "/classes/S2-7B1", "school S2", EnumSet.of(T4_TEACHER_S2), "/classes/NO-SUCH"),
      get("getClass", "/classes/S9-8C1", "another district", EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/classes/NO-SUCH"),
      get("getClass", "/classes/NO-SUCH", "does not exist", NOBODY, "/classes/NO-SUCH"),

      get("listClassStudents", "/classes/S1-6A1/students", "homeroom T1, maths T3",
          EnumSet.of(T1_HOMEROOM_6A1, T3_MATHS_6A1, ACCOUNTANT_S1, PRINCIPAL_S1), "/classes/NO-SUCH/students"),
      get("listClassStudents", "/classes/S1-6A2/students", "homeroom T2",
          EnumSet.of(T2_HOMEROOM_6A2, ACCOUNTANT_S1, PRINCIPAL_S1), "/classes/NO-SUCH/students"),
      get("listClassStudents", "/classes/S2-7B1/students", "school S2", EnumSet.of(T4_TEACHER_S2), "/classes/NO-SUCH/students"),
      get("listClassStudents", "/classes/S9-8C1/students", "another district",
          EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/classes/NO-SUCH/students"),
      get("listClassStudents", "/classes/NO-SUCH/students", "does not exist", NOBODY, "/classes/NO-SUCH/students"),

      get("getSchool", "/schools/S1", "school S1",
          EnumSet.of(T1_HOMEROOM_6A1, T2_HOMEROOM_6A2, T3_MATHS_6A1, ACCOUNTANT_S1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01),
          "/schools/NO-SUCH"),
      get("getSchool", "/schools/S2", "school S2", EnumSet.of(T4_TEACHER_S2, DISTRICT_OFFICER_PGD01), "/schools/NO-SUCH"),
      get("getSchool", "/schools/S9", "school of another district", EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/schools/NO-SUCH"),
      get("getSchool", "/schools/NO-SUCH", "does not exist", NOBODY, "/schools/NO-SUCH"),

      get("listAuditEvents", "/audit", "the audit trail", EnumSet.of(PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/nothing-here"),

      get("listMyDevices", "/me/devices", "the caller's own devices", EVERYONE, null),
      new Probe("removeDevice", "DELETE", "/me/devices/install-of-g9-0001", "G9's phone in another district",
          NOBODY, "/me/devices/no-such-install-0001", null),

      announce("class S1-6A1", "class", "S1-6A1", EnumSet.of(T1_HOMEROOM_6A1, T3_MATHS_6A1, PRINCIPAL_S1)),
      announce("class S1-6A2", "class", "S1-6A2", EnumSet.of(T2_HOMEROOM_6A2, PRINCIPAL_S1)),
      announce("school S2", "school", "S2", EnumSet.of(DISTRICT_OFFICER_PGD01)),
      announce("the district PGD01", "district", "PGD01", EnumSet.of(DISTRICT_OFFICER_PGD01)),
      announce("guardian G3 of school S2", "guardian", "1003", EnumSet.of(T4_TEACHER_S2)),
      announce("departed ST4", "student", "ST4", NOBODY),
      announce("another district's class", "class", "S9-8C1", EnumSet.of(T9_TEACHER_OTHER_DISTRICT)),
      get("listSentMessages", "/messages", "announcements the caller sent or oversees",
          EnumSet.of(T1_HOMEROOM_6A1, T2_HOMEROOM_6A2, T3_MATHS_6A1, T4_TEACHER_S2, T9_TEACHER_OTHER_DISTRICT,
              PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/nothing-here"),
      get("getMessage", "/messages/" + T1_MESSAGE, "T1's message to S1-6A1",
          EnumSet.of(T1_HOMEROOM_6A1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/messages/999999999"),
      get("listMessageRecipients", "/messages/" + T1_MESSAGE + "/recipients", "T1's message to S1-6A1",
          EnumSet.of(T1_HOMEROOM_6A1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/messages/999999999/recipients"));

  /**
   * Operations without a resource of anyone else to reach, and why; each is tested where it lives.
   * A row here is a decision, so it needs its reason.
   */
  static final Map<String, String> WITHOUT_RESOURCE = Map.of(
      "requestOtp", "public: sign-in by phone, answers alike for every number (SignInTest)",
      "verifyOtp", "public: sign-in by phone (SignInTest)",
      "signInWithPassword", "public: staff sign-in (SignInTest)",
      "refreshTokens", "public: acts only on the session of the refresh token presented (SignInTest)",
      "logout", "ends only the caller's own session (SignInTest)",
      "openRealtime", "the caller's own event stream: a user receives only events published to their subject (RealtimeProtocolTest)",
      "registerDevice", "writes only the caller's own device; a device changing hands moves to the caller by design (DevicesTest)");

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("authz_matrix");
    TestDistrict.create(api);
    api.sql("INSERT INTO api.device (installation_id, guardian_id, platform, push_token, app_version)"
        + " VALUES ('install-of-g9-0001', 1009, 'android', 'push-token-of-g9', '1.0.0')",
        "INSERT INTO messaging.message (id, kind, sender_subject, sender_role, district_code, school_code, body,"
            + " school_year, status) VALUES (" + T1_MESSAGE + ", 'announcement', 's:1', 'teacher', 'PGD01', 'S1',"
            + " 'Họp lớp', '2026-2027', 'queued')",
        "INSERT INTO messaging.message_audience (message_id, position, scope, value) VALUES (" + T1_MESSAGE
            + ", 0, 'class', 'S1-6A1')");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** Sending an announcement to one scope; the refusal equals the answer for a scope value that does not exist. */
  private static Probe announce(String resource, String type, String value, Set<Role> allowed) {
    JsonObject body = new JsonObject().put("body", "Thông báo").put("audience", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("type", type).put("value", value)));
    JsonObject missing = body.copy();
    missing.getJsonArray("audience").getJsonObject(0).put("value", type.equals("guardian") ? "999999" : "NO-SUCH");
    return new Probe("sendAnnouncement", "POST", "/messages", resource, allowed, "/messages", body, missing);
  }

  private static Probe get(String operationId, String path, String resource, Set<Role> allowed, String missing) {
    return new Probe(operationId, "GET", path, resource, allowed, missing, null);
  }

  @TestFactory
  Stream<DynamicTest> every_endpoint_answers_each_role_200_within_reach_and_404_outside() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Probe probe : MATRIX) {
      for (Role role : Role.values()) {
        boolean allowed = probe.allowed().contains(role);
        tests.add(DynamicTest.dynamicTest(probe + " as " + role + " → " + (allowed ? 200 : 404),
            () -> check(probe, role, allowed)));
      }
    }
    return tests.stream();
  }

  private void check(Probe probe, Role role, boolean allowed) {
    String token = api.token(role.caller.get());
    List<String> before = probe.body() == null ? null : apiTables();
    HttpResponse<String> r = send(probe.method(), probe.path(), probe.body(), token);
    String what = probe + " as " + role + ": " + r.body();
    if (allowed) {
      assertThat(r.statusCode()).as(what).isIn(200, 202);
      return;
    }
    assertThat(r.statusCode()).as(what).isEqualTo(404);
    HttpResponse<String> missing = send(probe.method(), probe.missing(), probe.missingBody(), token);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(withoutRequestId(r.body())).isEqualTo(withoutRequestId(missing.body()));
    assertThat(r.headers().firstValue("content-type")).isEqualTo(missing.headers().firstValue("content-type"));
    if (before != null) {
      assertThat(apiTables()).as("a refused write changes nothing").isEqualTo(before);
    }
  }

  @Test
  void every_operation_of_the_contract_is_in_the_matrix() throws Exception {
    String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/openapi/lienlac-v1.yaml"));
    Map<String, Object> contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    Set<String> operations = new TreeSet<>();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) contract.get("paths");
    paths.values().forEach(item -> item.values().forEach(op -> {
      if (op instanceof Map<?, ?> m && m.get("operationId") != null) {
        operations.add((String) m.get("operationId"));
      }
    }));
    Set<String> probed = new TreeSet<>();
    MATRIX.forEach(p -> probed.add(p.operationId()));
    probed.addAll(WITHOUT_RESOURCE.keySet());
    assertThat(probed).as("operations without rows in the authorization matrix").containsAll(operations);
  }

  private static HttpResponse<String> send(String method, String path, JsonObject body, String token) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.encode());
    HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1" + path)).method(method, publisher);
    return api.send(request, token, body == null ? Map.of() : Map.of("content-type", "application/json"));
  }

  private static JsonObject withoutRequestId(String problem) {
    JsonObject o = new JsonObject(problem);
    o.remove("requestId");
    return o;
  }

  /** Every row of every table of the api and messaging schemas, to prove a refused write left no trace. */
  private static List<String> apiTables() {
    List<String> tables = new ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         var rs = c.createStatement().executeQuery(
             "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                 + " WHERE table_schema IN ('api', 'messaging')"
                 + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY 1")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return TestServices.contents(api.url, tables);
  }
}
