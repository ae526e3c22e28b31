package vn.lienlac.api.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** The test district with staff accounts for its callers, and the requests the thread tests make. */
final class ThreadFixture {

  final ApiTestServer api;

  ThreadFixture(String name) {
    api = ApiTestServer.start(name);
    TestDistrict.create(api);
    // Accounts with the ids of TestDistrict's callers, so that realtime subjects s:<id> match.
    api.sql("""
        INSERT INTO api.staff_account (id, username, display_name, role, school_code, district_code, teacher_code) VALUES
          (1, 't1', 'Nguyễn Thị Hoa', 'teacher', 'S1', 'PGD01', 'T1'),
          (2, 't2', 'Trần Văn Nam', 'teacher', 'S1', 'PGD01', 'T2'),
          (3, 't3', 'Lê Thị Mai', 'teacher', 'S1', 'PGD01', 'T3'),
          (4, 't4', 'Phạm Văn Hùng', 'teacher', 'S2', 'PGD01', 'T4'),
          (6, 'hieutruong', 'Hiệu trưởng S1', 'principal', 'S1', 'PGD01', NULL)""");
  }

  String token(Caller caller) {
    return api.token(caller);
  }

  HttpResponse<String> post(Caller caller, String path, JsonObject body) {
    return api.post("/api/v1" + path, token(caller), body);
  }

  HttpResponse<String> get(Caller caller, String path) {
    return api.get("/api/v1" + path, token(caller));
  }

  HttpResponse<String> put(Caller caller, String path, JsonObject body) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1" + path))
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())), token(caller), Map.of("content-type", "application/json"));
  }

  /** Opens a thread and returns the 201 answer. */
  JsonObject open(Caller caller, JsonObject request) {
    HttpResponse<String> r = post(caller, "/threads", request);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body());
  }

  static JsonObject opening(String studentId, String subject, String body) {
    return new JsonObject().put("studentId", studentId).put("subject", subject).put("body", body);
  }

  JsonObject write(Caller caller, long threadId, String body) {
    HttpResponse<String> r = post(caller, "/threads/" + threadId + "/messages", new JsonObject().put("body", body));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body());
  }

  JsonObject thread(Caller caller, long threadId) {
    HttpResponse<String> r = get(caller, "/threads/" + threadId);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** Rows of a query, columns joined by '|'. */
  List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    try (var c = DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** message.created / message.read events stored for a subject: "type|messageId|threadId". */
  List<String> events(String subject) {
    return rows("SELECT type, data->>'messageId', data->>'threadId' FROM api.realtime_event WHERE subject = '"
        + subject + "' ORDER BY id");
  }

  void close() {
    api.close();
  }
}
