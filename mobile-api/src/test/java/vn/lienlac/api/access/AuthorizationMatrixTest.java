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
import vn.lienlac.api.testing.TestPayments;
import vn.lienlac.infra.support.testing.TestServices;

/**
 * Every endpoint × every role × a resource of their own, of another family, class, school and district:
 * 200 (201 for a create) inside the caller's reach, 404 outside it, and that 404 is the very answer a resource that does not
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
   * @param missingBody the body sent to {@code missing} (the resource named in the body, e.g. a student)
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
  private static final long T1_MESSAGE = 900_901;

  private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
  private static final Set<Role> NOBODY = EnumSet.noneOf(Role.class);
  private static final Set<Role> GUARDIANS = EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, G2_MOTHER_OF_ST2, G3_FATHER_OF_ST3,
      G4_FATHER_OF_DEPARTED_ST4);
  private static final Set<Role> SCHOOL_STAFF = EnumSet.of(T1_HOMEROOM_6A1, T2_HOMEROOM_6A2, T3_MATHS_6A1, T4_TEACHER_S2,
      T9_TEACHER_OTHER_DISTRICT, ACCOUNTANT_S1, PRINCIPAL_S1);

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

      get("listReconQueue", "/payments/queue", "S1's exception queue", EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here"),
      get("getReconDailyReport", "/payments/reports/daily?from=2026-09-01&to=2026-09-30", "S1's daily reconciliation",
          EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here"),
      get("listInvoiceReceipts", "/invoices/501/receipts", "ST1's paid invoice in S1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, ACCOUNTANT_S1, PRINCIPAL_S1), "/invoices/999999/receipts"),
      get("listInvoiceReceipts", "/invoices/504/receipts", "departed ST4's invoice in S1",
          EnumSet.of(G4_FATHER_OF_DEPARTED_ST4, ACCOUNTANT_S1, PRINCIPAL_S1), "/invoices/999999/receipts"),
      get("listInvoiceReceipts", "/invoices/503/receipts", "ST3's invoice in S2",
          EnumSet.of(G3_FATHER_OF_ST3), "/invoices/999999/receipts"),
      get("getReceiptPdf", "/receipts/1.pdf", "receipt of ST1's invoice",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, ACCOUNTANT_S1, PRINCIPAL_S1), "/receipts/999999.pdf"),
      get("getReceiptPdf", "/receipts/2.pdf", "receipt of departed ST4's invoice",
          EnumSet.of(G4_FATHER_OF_DEPARTED_ST4, ACCOUNTANT_S1, PRINCIPAL_S1), "/receipts/999999.pdf"),
      reconWrite("confirmReconSuggestion", "/confirm", new JsonObject().put("invoiceId", "503")),
      reconWrite("markReconNotFee", "/not-fee", new JsonObject().put("reason", "probe")),
      reconWrite("recordReconRefund", "/refund", new JsonObject().put("reason", "probe")),
      reconWrite("recordReconRefundPaid", "/refund-paid", new JsonObject()),
      reconWrite("undoReconDecision", "/undo", new JsonObject().put("reason", "probe")),
      new Probe("matchReconManually", "POST", "/payments/matches", "S2's queued credit to S2's invoice", NOBODY,
          "/payments/matches", new JsonObject().put("allocations", new io.vertx.core.json.JsonArray().add(new JsonObject()
              .put("transactionId", Long.toString(TestPayments.S2_QUEUED)).put("invoiceId", "503").put("amount", 700_000)))),
      // --- inbox, read and acknowledge, reminders, edit and recall, templates ---
      get("listInbox", "/inbox", "the guardian's own inbox (staff have none)", GUARDIANS, "/nothing-here"),
      get("listInbox", "/inbox?student=ST1", "G1's child as filter", EnumSet.of(G1_FATHER_OF_ST1_AND_ST2),
          "/inbox?student=NO-SUCH"),
      get("listInbox", "/inbox?student=ST3", "another family's child as filter", EnumSet.of(G3_FATHER_OF_ST3),
          "/inbox?student=NO-SUCH"),
      get("getInboxSummary", "/inbox/summary", "the guardian's own counts", GUARDIANS, "/nothing-here"),
      new Probe("readMessage", "POST", "/messages/900001/read", "message to G1 about ST1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2), "/messages/999999999/read", null),
      new Probe("ackMessage", "POST", "/messages/900001/ack", "message to G1 about ST1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2), "/messages/999999999/ack", null),
      new Probe("editMessage", "PATCH", "/messages/900001", "T1's message",
          EnumSet.of(T1_HOMEROOM_6A1), "/messages/999999999", new JsonObject().put("body", "Đã sửa")),
      new Probe("remindMessage", "POST", "/messages/900002/reminders", "T1's message to G2, unread",
          EnumSet.of(T1_HOMEROOM_6A1), "/messages/999999999/reminders", new JsonObject().put("to", "unread")),
      new Probe("recallMessage", "POST", "/messages/900003/recall", "T4's message to G3 in school S2",
          EnumSet.of(T4_TEACHER_S2), "/messages/999999999/recall", null),
      get("listTemplates", "/templates", "the caller's school's templates", SCHOOL_STAFF, "/nothing-here"),
      get("getTemplate", "/templates/900101", "a template of school S1",
          EnumSet.of(T1_HOMEROOM_6A1, T2_HOMEROOM_6A2, T3_MATHS_6A1, ACCOUNTANT_S1, PRINCIPAL_S1), "/templates/999999999"),
      new Probe("createTemplate", "POST", "/templates", "a new template of the caller's school", EnumSet.of(PRINCIPAL_S1),
          "/nothing-here", new JsonObject().put("key", "moi").put("name", "Mới").put("bodyVi", "Chào {{guardian.name}}")),
      new Probe("replaceTemplate", "PUT", "/templates/900101", "a template of school S1", EnumSet.of(PRINCIPAL_S1),
          "/templates/999999999", new JsonObject().put("key", "hoc-phi").put("name", "Học phí").put("bodyVi", "Học phí {{student.name}}: {{amount}}")),
      new Probe("removeTemplate", "DELETE", "/templates/900102", "a template of school S1", EnumSet.of(PRINCIPAL_S1),
          "/templates/999999999", null),
      new Probe("previewTemplate", "POST", "/templates/900101/preview", "S1's template for ST1 of S1-6A1",
          EnumSet.of(T1_HOMEROOM_6A1, T3_MATHS_6A1, ACCOUNTANT_S1, PRINCIPAL_S1), "/templates/999999999/preview",
          new JsonObject().put("studentId", "ST1").put("values", new JsonObject().put("amount", 1000))),
      new Probe("previewTemplate", "POST", "/templates/900201/preview", "S2's template for ST3 of S2-7B1",
          EnumSet.of(T4_TEACHER_S2), "/templates/999999999/preview",
          new JsonObject().put("studentId", "ST3").put("values", new JsonObject().put("amount", 1000))),
      // --- threads and office hours (threads 9001-9004 and announcement 9201 made in start()) ---
      get("listThreads", "/threads", "the caller's own threads", EVERYONE, null),
      get("getThread", "/threads/9001", "T1 with G1 about ST1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, T1_HOMEROOM_6A1, PRINCIPAL_S1), "/threads/999999"),
      get("getThread", "/threads/9002", "T2 with both parents of ST2",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, G2_MOTHER_OF_ST2, T2_HOMEROOM_6A2, PRINCIPAL_S1), "/threads/999999"),
      get("getThread", "/threads/9003", "another family in school S2", EnumSet.of(G3_FATHER_OF_ST3, T4_TEACHER_S2),
          "/threads/999999"),
      get("getThread", "/threads/9004", "another district", EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/threads/999999"),
      new Probe("postThreadMessage", "POST", "/threads/9001/messages", "T1 with G1: participants only, not the principal",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, T1_HOMEROOM_6A1), "/threads/999999/messages",
          new JsonObject().put("body", "Xin chào")),
      new Probe("postThreadMessage", "POST", "/threads/9003/messages", "another school's thread",
          EnumSet.of(G3_FATHER_OF_ST3, T4_TEACHER_S2), "/threads/999999/messages", new JsonObject().put("body", "Xin chào")),
      new Probe("markThreadRead", "POST", "/threads/9002/read", "T2 with both parents of ST2",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, G2_MOTHER_OF_ST2, T2_HOMEROOM_6A2), "/threads/999999/read", new JsonObject()),
      new Probe("createThread", "POST", "/threads", "about ST1 of S1-6A1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, T1_HOMEROOM_6A1, T3_MATHS_6A1, PRINCIPAL_S1), "/threads",
          new JsonObject().put("studentId", "ST1").put("subject", "Chào").put("body", "Xin chào"),
          new JsonObject().put("studentId", "NO-SUCH").put("subject", "Chào").put("body", "Xin chào")),
      new Probe("createThread", "POST", "/threads", "about ST9 of another district",
          EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/threads",
          new JsonObject().put("studentId", "ST9").put("subject", "Chào").put("body", "Xin chào"),
          new JsonObject().put("studentId", "NO-SUCH").put("subject", "Chào").put("body", "Xin chào")),
      new Probe("replyToMessage", "POST", "/messages/9201/replies", "T1's announcement to G1",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2), "/messages/999999/replies", new JsonObject().put("body", "Cảm ơn cô")),
      get("getOfficeHours", "/me/office-hours", "the caller's own office hours (staff only)",
          EnumSet.of(T1_HOMEROOM_6A1, T2_HOMEROOM_6A2, T3_MATHS_6A1, T4_TEACHER_S2, T9_TEACHER_OTHER_DISTRICT,
              ACCOUNTANT_S1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/nothing-here"),
      // --- fees and invoices ---
      get("listFeeItems", "/fee-items", "the school's fee items", EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here"),
      new Probe("updateFeeItem", "PATCH", "/fee-items/2", "a fee item of school S2", NOBODY, "/fee-items/999999",
          new JsonObject().put("name", "Đổi tên")),
      new Probe("setFeeOptIns", "POST", "/fee-items/2/opt-ins", "a fee item of school S2", NOBODY, "/fee-items/999999/opt-ins",
          new JsonObject().put("studentIds", new io.vertx.core.json.JsonArray().add("ST3")).put("optedIn", true)),
      get("listExemptions", "/exemptions", "the school's exemptions", EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here"),
      new Probe("revokeExemption", "POST", "/exemptions/2/revoke", "an exemption of school S2", NOBODY,
          "/exemptions/999999/revoke", null),
      get("getCollectionAccount", "/collection-account", "school S1's account", EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1),
          "/nothing-here"),
      new Probe("previewInvoiceBatch", "POST", "/invoice-batches/preview", "a batch of the caller's school (writes nothing)",
          EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here", new JsonObject().put("periodLabel", "Tháng 9/2026")
              .put("periodMonth", "2026-09").put("feeItemIds", new io.vertx.core.json.JsonArray().add(1))),
      get("listInvoiceBatches", "/invoice-batches", "the school's batches", EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here"),
      get("getInvoiceBatch", "/invoice-batches/1", "a batch of school S1", EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1),
          "/invoice-batches/999999"),
      get("listInvoices", "/invoices", "the invoices in reach (possibly none)", EVERYONE, null),
      get("getInvoice", "/invoices/1", "ST1's invoice", EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, ACCOUNTANT_S1, PRINCIPAL_S1),
          "/invoices/999999"),
      get("getInvoice", "/invoices/2", "departed ST4's past invoice",
          EnumSet.of(G4_FATHER_OF_DEPARTED_ST4, ACCOUNTANT_S1, PRINCIPAL_S1), "/invoices/999999"),
      get("getInvoice", "/invoices/3", "ST3's invoice in school S2", EnumSet.of(G3_FATHER_OF_ST3), "/invoices/999999"),
      get("getInvoice", "/invoices/4", "ST9's invoice in another district", NOBODY, "/invoices/999999"),
      get("getInvoiceQrPng", "/invoices/1/qr.png", "ST1's invoice",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, ACCOUNTANT_S1, PRINCIPAL_S1), "/invoices/999999/qr.png"),
      get("getInvoiceQrSvg", "/invoices/1/qr.svg", "ST1's invoice",
          EnumSet.of(G1_FATHER_OF_ST1_AND_ST2, ACCOUNTANT_S1, PRINCIPAL_S1), "/invoices/999999/qr.svg"),
      new Probe("cancelInvoice", "POST", "/invoices/3/cancel", "an invoice of school S2", NOBODY, "/invoices/999999/cancel",
          new JsonObject().put("reason", "thử")),
      new Probe("createCreditNote", "POST", "/invoices/3/credit-notes", "an invoice of school S2", NOBODY,
          "/invoices/999999/credit-notes", new JsonObject().put("amount", 1).put("reason", "thử")),
      get("getCollectionReport", "/reports/collection", "collection figures",
          EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/nothing-here"),
      get("getOutstandingReport", "/reports/outstanding", "what the school's students owe",
          EnumSet.of(ACCOUNTANT_S1, PRINCIPAL_S1), "/nothing-here"),
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
          EnumSet.of(T1_HOMEROOM_6A1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/messages/999999999/recipients"),
      // --- delivery: the unreachable worklist (homeroom teacher, principal, district officer) and costs ---
      get("listClassUnreachable", "/classes/S1-6A1/unreachable", "homeroom T1 (not maths T3, not the accountant)",
          EnumSet.of(T1_HOMEROOM_6A1, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/classes/NO-SUCH/unreachable"),
      get("listClassUnreachable", "/classes/S1-6A2/unreachable", "homeroom T2",
          EnumSet.of(T2_HOMEROOM_6A2, PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/classes/NO-SUCH/unreachable"),
      get("listClassUnreachable", "/classes/S2-7B1/unreachable", "school S2",
          EnumSet.of(T4_TEACHER_S2, DISTRICT_OFFICER_PGD01), "/classes/NO-SUCH/unreachable"),
      get("listClassUnreachable", "/classes/S9-8C1/unreachable", "another district",
          EnumSet.of(T9_TEACHER_OTHER_DISTRICT), "/classes/NO-SUCH/unreachable"),
      get("listClassUnreachable", "/classes/NO-SUCH/unreachable", "does not exist", NOBODY, "/classes/NO-SUCH/unreachable"),
      get("getDeliveryCosts", "/delivery/costs?month=2026-11", "the caller's schools' delivery costs",
          EnumSet.of(PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/nothing-here"),
      get("getDeliveryCosts", "/delivery/costs?month=2026-11&schoolCode=S1", "school S1's delivery costs",
          EnumSet.of(PRINCIPAL_S1, DISTRICT_OFFICER_PGD01), "/nothing-here"),
      get("getDeliveryCosts", "/delivery/costs?month=2026-11&schoolCode=S2", "school S2's delivery costs",
          EnumSet.of(DISTRICT_OFFICER_PGD01), "/nothing-here"),
      get("getDeliveryCosts", "/delivery/costs?month=2026-11&schoolCode=S9", "another district's school", NOBODY,
          "/nothing-here"));

  /**
   * Operations without a resource of anyone else to reach, and why; each is tested where it lives.
   * A row here is a decision, so it needs its reason.
   */
  static final Map<String, String> WITHOUT_RESOURCE = Map.ofEntries(
      Map.entry("requestOtp", "public: sign-in by phone, answers alike for every number (SignInTest)"),
      Map.entry("verifyOtp", "public: sign-in by phone (SignInTest)"),
      Map.entry("signInWithPassword", "public: staff sign-in (SignInTest)"),
      Map.entry("refreshTokens", "public: acts only on the session of the refresh token presented (SignInTest)"),
      Map.entry("logout", "ends only the caller's own session (SignInTest)"),
      Map.entry("openRealtime", "the caller's own event stream: a user receives only events published to their subject (RealtimeProtocolTest)"),
      Map.entry("registerDevice", "writes only the caller's own device; a device changing hands moves to the caller by design (DevicesTest)"),
      Map.entry("importStatement", "the file names its accounts: only the accountant or principal of the school owning every one may import it, others get 403 or 422 (StatementImportTest)"),
      Map.entry("readMessages", "marks only the caller's own recipient rows; others' ids are listed in notFound exactly like missing ones (ReadAckTest)"),
      Map.entry("putOfficeHours", "writes only the caller's own office hours; guardians 404 (threads.OfficeHoursTest)"),
      Map.entry("createFeeItem", "creates in the caller's own school only; others get 404 (InvoicingTest, FeesTest)"),
      Map.entry("createExemption", "creates in the caller's own school only; a student of another school is unknown there (FeesTest)"),
      Map.entry("setCollectionAccount", "writes only the caller's own school's account (InvoicingTest)"),
      Map.entry("issueInvoiceBatch", "issues only for the caller's own school's students (InvoicingTest)"));

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("authz_matrix");
    TestDistrict.create(api);
    TestPayments.create(api);
    api.sql("INSERT INTO api.device (installation_id, guardian_id, platform, push_token, app_version)"
        + " VALUES ('install-of-g9-0001', 1009, 'android', 'push-token-of-g9', '1.0.0')");
    api.sql("""
        INSERT INTO messaging.message (id, kind, sender_subject, sender_role, sender_name, district_code, school_code,
                                       title, body, require_ack, school_year, status) VALUES
          (900001, 'announcement', 's:1', 'teacher', 'T1', 'PGD01', 'S1', 'Họp', 'Họp phụ huynh', true, '2026-2027', 'queued'),
          (900002, 'announcement', 's:1', 'teacher', 'T1', 'PGD01', 'S1', 'Nhắc', 'Nộp giấy', false, '2026-2027', 'queued'),
          (900003, 'announcement', 's:4', 'teacher', 'T4', 'PGD01', 'S2', 'Lớp 7B1', 'Nghỉ học', false, '2026-2027', 'queued')""",
        """
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code) VALUES
          (900001, 1001, '{ST1}', 'S1'), (900002, 1002, '{ST2}', 'S1'), (900003, 1003, '{ST3}', 'S2')""",
        """
        INSERT INTO messaging.message_template (id, school_code, key, name, body_vi, variables, created_by) VALUES
          (900101, 'S1', 'hoc-phi', 'Học phí', 'Học phí {{student.name}}: {{amount}}', '{student.name,amount}', 's:6'),
          (900102, 'S1', 'bo', 'Bỏ', 'Chào {{guardian.name}}', '{guardian.name}', 's:6'),
          (900201, 'S2', 'hoc-phi', 'Học phí', 'Học phí {{student.name}}: {{amount}}', '{student.name,amount}', 's:8')""");
    threads();
    api.sql(PaymentsFixture.SQL.toArray(String[]::new));
    api.sql("INSERT INTO messaging.message (id, kind, sender_subject, sender_role, district_code, school_code, body,"
            + " school_year, status) VALUES (" + T1_MESSAGE + ", 'announcement', 's:1', 'teacher', 'PGD01', 'S1',"
            + " 'Họp lớp', '2026-2027', 'queued')",
        "INSERT INTO messaging.message_audience (message_id, position, scope, value) VALUES (" + T1_MESSAGE
            + ", 0, 'class', 'S1-6A1')");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** A decision on S2's queued credit: no role of the matrix handles S2's money, so 404 for all, nothing changed. */
  private static Probe reconWrite(String operationId, String action, JsonObject body) {
    return new Probe(operationId, "POST", "/payments/transactions/" + TestPayments.S2_QUEUED + action,
        "S2's queued credit", NOBODY, "/payments/transactions/999999" + action, body);
  }

  /** One thread per family and school, each with a first message by its teacher; T1's announcement to G1. */
  private static void threads() {
    api.sql("""
        INSERT INTO messaging.thread (id, school_code, district_code, student_id, teacher_code, staff_id, subject, opened_by,
                                      last_message_id) VALUES
          (9001, 'S1', 'PGD01', 'ST1', 'T1', 1, 'An', 's:1', 9101),
          (9002, 'S1', 'PGD01', 'ST2', 'T2', 2, 'Bình', 's:2', 9102),
          (9003, 'S2', 'PGD01', 'ST3', 'T4', 4, 'Cường', 's:4', 9103),
          (9004, 'S9', 'PGD09', 'ST9', 'T9', 9, 'Khang', 's:9', 9104)""",
        """
        INSERT INTO messaging.thread_participant (thread_id, party, guardian_id) VALUES
          (9001, 'staff', NULL), (9001, 'g:1001', 1001), (9002, 'staff', NULL), (9002, 'g:1001', 1001),
          (9002, 'g:1002', 1002), (9003, 'staff', NULL), (9003, 'g:1003', 1003), (9004, 'staff', NULL),
          (9004, 'g:1009', 1009)""",
        """
        INSERT INTO messaging.message (id, kind, thread_id, sender_subject, sender_role, school_code, title, body,
                                       school_year, status) VALUES
          (9101, 'thread', 9001, 's:1', 'teacher', 'S1', NULL, 'Chào anh', '2026-2027', 'queued'),
          (9102, 'thread', 9002, 's:2', 'teacher', 'S1', NULL, 'Chào anh chị', '2026-2027', 'queued'),
          (9103, 'thread', 9003, 's:4', 'teacher', 'S2', NULL, 'Chào anh', '2026-2027', 'queued'),
          (9104, 'thread', 9004, 's:9', 'teacher', 'S9', NULL, 'Chào anh', '2026-2027', 'queued'),
          (9201, 'announcement', NULL, 's:1', 'teacher', 'S1', 'Dã ngoại', 'Lớp đi dã ngoại', '2026-2027', 'queued')""",
        """
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code) VALUES
          (9101, 1001, '{ST1}', 'S1'), (9102, 1001, '{ST2}', 'S1'), (9102, 1002, '{ST2}', 'S1'),
          (9103, 1003, '{ST3}', 'S2'), (9104, 1009, '{ST9}', 'S9'), (9201, 1001, '{ST1}', 'S1')""");
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
    List<String> before = probe.body() == null ? null : settledApiTables();
    HttpResponse<String> r = send(probe.method(), probe.path(), probe.body(), token);
    String what = probe + " as " + role + ": " + r.body();
    if (allowed) {
      assertThat(r.statusCode()).as(what).isBetween(200, 299);
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

  /**
   * The tables once the previous allowed call has finished its work after answering (edits and recalls
   * publish their realtime events after the response, in batches): two reads 50 ms apart agree.
   */
  private static List<String> settledApiTables() {
    List<String> previous = apiTables();
    for (int i = 0; i < 40; i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      List<String> now = apiTables();
      if (now.equals(previous)) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  /** Every row of every table of the api and messaging schemas, to prove a refused write left no trace. */
  private static List<String> apiTables() {
    List<String> tables = new ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         var rs = c.createStatement().executeQuery(
             "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('api', 'messaging')"
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
