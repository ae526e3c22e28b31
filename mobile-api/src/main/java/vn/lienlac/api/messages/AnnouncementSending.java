package vn.lienlac.api.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.messaging.expansion.ExpansionWake;

/**
 * {@code POST /messages}: checks the request and the sender's authority over every audience scope,
 * then stores the message, its audience and its expansion row in one transaction and answers 202.
 * Recipients are never resolved here: the workers expand the audience ({@code RecipientExpansion}).
 *
 * <p>Authority: district officers address their district or its schools; principals their school, its
 * grades, classes, current students and those students' guardians; teachers the classes they teach,
 * their current students and those students' guardians. A scope outside it answers 404 naming the
 * scope, the very answer a scope that does not exist gets; nothing is stored.
 */
final class AnnouncementSending {

  /** Per scope, the school it lies in ('*' for the district) when the caller may address it, else null. */
  private static final Reach.Query AUTHORITY = Reach.query("""
      , aud AS NOT MATERIALIZED (SELECT * FROM unnest($6::int[], $7::text[], $8::text[]) AS a(pos, scope, value))
      SELECT a.pos, CASE a.scope
          WHEN 'district' THEN CASE WHEN $1 = 'district_officer' AND a.value = $4 THEN '*' END
          WHEN 'school' THEN (SELECT rs.school_code FROM reach_school rs
                               WHERE rs.school_code = a.value AND $1 IN ('district_officer', 'principal'))
          WHEN 'grade' THEN (SELECT min(c.school_code) FROM reach_class rc
                               JOIN directory.school_class c ON c.code = rc.class_code
                              WHERE $1 = 'principal' AND c.school_code || ':' || c.grade = a.value)
          WHEN 'class' THEN (SELECT rc.school_code FROM reach_class rc
                              WHERE rc.class_code = a.value AND $1 IN ('teacher', 'principal'))
          WHEN 'student' THEN (SELECT rs.school_code FROM reach_student rs
                                WHERE rs.student_id = a.value AND rs.current AND $1 IN ('teacher', 'principal'))
          WHEN 'guardian' THEN (SELECT $3 FROM reach_guardian rg
                                 WHERE rg.guardian_id = CASE WHEN a.value ~ '^[0-9]{1,18}$' THEN a.value::bigint END
                                   AND $1 IN ('teacher', 'principal'))
        END AS school
        FROM aud a
       ORDER BY a.pos""");

  /** A retry with the same Idempotency-Key inserts nothing and answers the first message. */
  private static final String INSERT_MESSAGE = """
      INSERT INTO messaging.message (kind, sender_subject, sender_role, sender_name, district_code, school_code,
                                     title, body, attachments, priority, require_ack, send_at, expires_at,
                                     school_year, status, idempotency_key)
      VALUES ('announcement', $1, $2, (SELECT t.full_name FROM directory.teacher t WHERE t.code = $3), $4, $5,
              $6, $7, $8::jsonb, $9, $10, coalesce($11, now()), $12, $13, $14, $15)
      ON CONFLICT (sender_subject, idempotency_key) DO NOTHING
      RETURNING id, status""";
  private static final String EXISTING = """
      SELECT id, status FROM messaging.message WHERE sender_subject = $1 AND idempotency_key = $2""";
  private static final String INSERT_AUDIENCE = """
      INSERT INTO messaging.message_audience (message_id, position, scope, value)
      SELECT $1, a.pos, a.scope, a.value FROM unnest($2::smallint[], $3::text[], $4::text[]) AS a(pos, scope, value)""";
  /** The workers are woken after the commit ({@link ExpansionWake}). */
  private static final String INSERT_EXPANSION = "INSERT INTO messaging.message_expansion (message_id) VALUES ($1)";

  private final Pool pool;
  private final AuditLog audit;
  private final Clock clock;
  private final ExpansionWake wake;

  AnnouncementSending(Pool pool, Clock clock) {
    this.pool = pool;
    this.wake = new ExpansionWake(pool);
    this.audit = AuditLog.create(pool, clock);
    this.clock = clock;
  }

  void send(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    AnnouncementRequest request;
    try {
      request = AnnouncementRequest.parse(ctx.body().asJsonObject(), clock);
    } catch (AnnouncementRequest.Invalid e) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", e.errors));
      return;
    }
    List<AnnouncementRequest.Scope> audience = request.audience();
    Tuple params = Reach.params(caller,
        audience.stream().map(AnnouncementRequest.Scope::position).toArray(Integer[]::new),
        audience.stream().map(AnnouncementRequest.Scope::type).toArray(String[]::new),
        audience.stream().map(AnnouncementRequest.Scope::value).toArray(String[]::new));
    pool.preparedQuery(AUTHORITY.sql(caller)).execute(params)
        .compose(rows -> {
          TreeSet<String> schools = new TreeSet<>();
          for (Row r : rows) {
            String school = r.getString("school");
            if (school == null) {
              AnnouncementRequest.Scope refused = audience.get(r.getInteger("pos"));
              Problems.send(ctx, 404, "not-found", new JsonObject().put("errors", new JsonArray().add(new JsonObject()
                  .put("field", refused.field()).put("reason", "no " + refused.type() + " of this value that you may address"))));
              return Future.succeededFuture();
            }
            schools.add(school);
          }
          String schoolCode = schools.size() == 1 && !schools.contains("*") ? schools.first() : null;
          return pool.withTransaction(tx -> store(tx, ctx, caller, request, schoolCode))
              .onSuccess(accepted -> {
                if ("expanding".equals(accepted.getString("status"))) {
                  wake.wake();
                }
              })
              .onSuccess(accepted -> ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                  .end(accepted.encode()));
        })
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> store(SqlConnection tx, RoutingContext ctx, Caller caller, AnnouncementRequest request,
                                   String schoolCode) {
    String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
    OffsetDateTime sendAt = request.sendAt();
    boolean scheduled = sendAt != null && sendAt.isAfter(OffsetDateTime.now(clock));
    Tuple row = Tuple.tuple()
        .addString(caller.subject()).addString(Reach.roleOf(caller)).addString(caller.teacherCode())
        .addString(caller.districtCode()).addString(schoolCode)
        .addString(request.title()).addString(request.body()).addValue(request.attachments())
        .addString(request.priority()).addBoolean(request.requireAck())
        .addOffsetDateTime(scheduled ? sendAt : null).addOffsetDateTime(request.expiresAt())
        .addString(SchoolYear.of(scheduled ? sendAt : OffsetDateTime.now(clock)))
        .addString(scheduled ? "scheduled" : "expanding").addString(idempotencyKey);
    return tx.preparedQuery(INSERT_MESSAGE).execute(row).compose(inserted -> {
      if (inserted.size() == 0) {
        return tx.preparedQuery(EXISTING).execute(Tuple.of(caller.subject(), idempotencyKey)).map(AnnouncementSending::accepted);
      }
      long id = inserted.iterator().next().getLong("id");
      List<AnnouncementRequest.Scope> audience = request.audience();
      return tx.preparedQuery(INSERT_AUDIENCE).execute(Tuple.of(id,
              audience.stream().map(s -> (short) s.position()).toArray(Short[]::new),
              audience.stream().map(AnnouncementRequest.Scope::type).toArray(String[]::new),
              audience.stream().map(AnnouncementRequest.Scope::value).toArray(String[]::new)))
          .compose(v -> tx.preparedQuery(INSERT_EXPANSION).execute(Tuple.of(id)))
          .compose(v -> audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "message.sent", "message", Long.toString(id))
              .atSchool(schoolCode)
              .change(null, new JsonObject().put("title", request.title()).put("priority", request.priority())
                  .put("requireAck", request.requireAck()).put("audience", audienceJson(audience))
                  .put("sendAt", sendAt == null ? null : sendAt.toString()))))
          .map(v -> accepted(inserted));
    });
  }

  private static JsonObject accepted(RowSet<Row> rows) {
    Row r = rows.iterator().next();
    return new JsonObject().put("id", r.getLong("id")).put("status", r.getString("status"));
  }

  static JsonArray audienceJson(List<AnnouncementRequest.Scope> audience) {
    JsonArray a = new JsonArray();
    audience.forEach(s -> a.add(new JsonObject().put("type", s.type()).put("value", s.value())));
    return a;
  }
}
