package vn.lienlac.api.statements;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.IntakeMetrics;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.statement.Statement;
import vn.lienlac.payment.statement.StatementFormatException;
import vn.lienlac.payment.statement.StatementImport;

/**
 * {@code POST /api/v1/statements}: an accountant or principal uploads their school's bank statement
 * (camt.053/054, MT940 or the transaction CSV; multipart or the raw file, {@code format} hint optional).
 * Every line is stored once; the answer says how many were new, how many a webhook had already
 * brought, and which credits no webhook reported. A statement is several MB, more than the 256 KiB
 * of the contract routes, so this operation reads its own body ({@link StatementUpload}) before the
 * contract's body handler would; the contract still declares it and authentication still applies.
 */
public final class StatementsFeature implements ApiFeature {

  /** Every account in the statement must be a collection account of the caller's school. */
  static final Reach.Query OWN_ACCOUNTS = Reach.query("""
      SELECT ca.account_number
        FROM reach_finance_school rs
        JOIN payment.collection_account ca ON ca.school_code = rs.school_code
       WHERE ca.account_number = ANY ($6)""");

  private final Vertx vertx;
  private final Pool pool;
  private final BankTransactions transactions;
  private final AuditLog audit;
  private final IntakeMetrics metrics;

  public StatementsFeature(Vertx vertx, Pool pool, Clock clock, IntakeMetrics metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.transactions = BankTransactions.create(pool);
    this.audit = AuditLog.create(pool, clock);
    this.metrics = metrics;
  }

  @Override
  public void mount(RouterBuilder contract) {
    // Served by mountOutsideContract; a request reaching the contract route was not one we could read.
    contract.getRoute("importStatement").addHandler(ctx -> Problems.send(ctx, 415, "statement-invalid",
        new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", "content-type")
            .put("reason", "send the file as multipart/form-data or as the raw body")))));
  }

  @Override
  public java.util.Set<String> pathsReadingTheirOwnBody() {
    return java.util.Set.of("/statements");
  }

  @Override
  public void mountOutsideContract(Router v1) {
    v1.post("/statements").handler(this::importStatement);
  }

  private void importStatement(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.is(StaffRole.ACCOUNTANT) && !caller.is(StaffRole.PRINCIPAL)) {
      ctx.request().resume();
      Problems.send(ctx, 403, "forbidden");
      return;
    }
    StatementUpload.read(ctx).onSuccess(upload -> {
      if (upload == null) {
        return; // already answered (too large)
      }
      vertx.executeBlocking(() -> StatementImport.read(upload.content(), upload.formatHint()), false)
          .onFailure(e -> {
            if (e instanceof StatementFormatException bad) {
              Problems.send(ctx, 400, "statement-invalid", new JsonObject().put("errors", new JsonArray()
                  .add(new JsonObject().put("field", bad.getMessage().startsWith("format") ? "format" : "file")
                      .put("reason", bad.getMessage()))));
            } else {
              ctx.fail(e);
            }
          })
          .onSuccess(statement -> importChecked(ctx, caller, statement, digest(upload.content())));
    }).onFailure(ctx::fail);
  }

  private void importChecked(RoutingContext ctx, Caller caller, Statement statement, String fileDigest) {
    Set<String> accounts = StatementImport.accounts(statement);
    pool.preparedQuery(OWN_ACCOUNTS.sql(caller))
        .execute(Reach.params(caller, (Object) accounts.toArray(String[]::new)))
        .compose(rows -> {
          Set<String> own = new HashSet<>();
          for (Row r : rows) {
            own.add(r.getString("account_number"));
          }
          Set<String> foreign = new TreeSet<>(accounts);
          foreign.removeAll(own);
          if (!foreign.isEmpty()) {
            // Unknown and another school's accounts get the same answer: nothing about other schools leaks.
            Problems.send(ctx, 422, "statement-account-unknown", new JsonObject().put("accounts", new JsonArray(foreign.stream().toList())));
            return Future.succeededFuture();
          }
          return StatementImport.run(transactions, statement).compose(report -> {
            if (report.firstTimeMissed() > 0) {
              metrics.missedNotifications(Source.STATEMENT, report.firstTimeMissed());
            }
            JsonObject summary = new JsonObject().put("format", report.toJson().getString("format"))
                .put("lines", report.lines()).put("new", report.added()).put("alreadyKnown", report.alreadyKnown())
                .put("missedNotifications", report.missed().size()).put("accounts", new JsonArray(accounts.stream().toList()));
            return audit.record(AuditEntry.of(AuditActor.of(ctx), "statement.imported", "bank_statement", fileDigest)
                    .change(null, summary))
                .onSuccess(id -> ctx.json(report.toJson()));
          });
        })
        .onFailure(ctx::fail);
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
