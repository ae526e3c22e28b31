package vn.lienlac.api.webhooks;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.payment.intake.PayOsSignature;
import vn.lienlac.payment.intake.SePayNotification;

/** Builds and sends notifications the way payOS, SePay and VietQR.vn do, signed with the test server's credentials. */
public final class BankNotifications {

  public static final String ACCOUNT = "0071001104341";

  private final ApiTestServer api;

  public BankNotifications(ApiTestServer api) {
    this.api = api;
  }

  public static JsonObject payOsBody(String account, String reference, long amount, String memo, String key) {
    JsonObject data = new JsonObject().put("orderCode", 123).put("amount", amount).put("description", memo)
        .put("accountNumber", account).put("reference", reference).put("transactionDateTime", "2026-09-10 22:38:54")
        .put("currency", "VND").put("paymentLinkId", "124c33293c43417ab7879e14c8d9eb18").put("code", "00")
        .put("desc", "Thành công").put("counterAccountBankId", "").put("counterAccountBankName", "")
        .put("counterAccountName", "DANG DAO THANH NHAN").put("counterAccountNumber", "0011004455667")
        .put("virtualAccountName", "").put("virtualAccountNumber", "");
    return new JsonObject().put("code", "00").put("desc", "success").put("success", true).put("data", data)
        .put("signature", PayOsSignature.sign(data, key));
  }

  public static JsonObject sePayBody(long id, String account, String reference, long amount, String memo) {
    return new JsonObject().put("id", id).put("gateway", "Vietcombank").put("transactionDate", "2026-09-10 22:38:54")
        .put("accountNumber", account).putNull("code").put("content", memo).put("transferType", "in")
        .put("transferAmount", amount).put("accumulated", 19_077_000).putNull("subAccount")
        .put("referenceCode", reference).put("description", "BankAPINotify " + memo);
  }

  public static JsonObject vietQrBody(String account, String reference, long amount, String memo) {
    return new JsonObject().put("bankaccount", account).put("amount", amount).put("transType", "C")
        .put("content", memo).put("transactionid", "VQR" + reference).put("transactiontime", 1_789_400_000_000L)
        .put("referencenumber", reference).put("orderId", "").put("terminalCode", "").put("serviceCode", "")
        .put("urlLink", "").put("sign", "");
  }

  public HttpResponse<String> payOs(JsonObject body) {
    return post("/webhooks/payos", body.encode(), Map.of());
  }

  public HttpResponse<String> sePayWithKey(JsonObject body, String key) {
    return post("/webhooks/sepay", body.encode(), Map.of("Authorization", "Apikey " + key));
  }

  public HttpResponse<String> sePaySigned(JsonObject body, String secret, long timestampSeconds) {
    String raw = body.encode();
    String signature = SePayNotification.sign(secret, timestampSeconds, raw.getBytes(StandardCharsets.UTF_8));
    return post("/webhooks/sepay", raw, Map.of("X-SePay-Timestamp", Long.toString(timestampSeconds),
        "X-SePay-Signature", "sha256=" + signature));
  }

  public HttpResponse<String> vietQrToken(String user, String password) {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return post("/webhooks/vietqr/api/token_generate", "", Map.of("Authorization", "Basic " + basic));
  }

  public String vietQrToken() {
    HttpResponse<String> r = vietQrToken(ApiTestServer.WEBHOOKS.vietQrUsername(), ApiTestServer.WEBHOOKS.vietQrPassword());
    return new JsonObject(r.body()).getString("access_token");
  }

  public HttpResponse<String> vietQrSync(JsonObject body, String token) {
    return post("/webhooks/vietqr/bank/api/transaction-sync", body.encode(), Map.of("Authorization", "Bearer " + token));
  }

  /** The first column of the first row of a query against the test database, as text (null when no row). */
  public static String value(ApiTestServer api, String sql) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    return api.send(HttpRequest.newBuilder(api.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json"), null, headers);
  }
}
