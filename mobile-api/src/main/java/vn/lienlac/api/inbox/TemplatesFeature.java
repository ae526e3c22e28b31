package vn.lienlac.api.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;
import vn.lienlac.messaging.template.TemplateProblem;
import vn.lienlac.messaging.template.TemplateText;

/**
 * School message templates ({@code /templates}): the staff of a school (teachers, accountant, principal)
 * list and read their school's; only its principal creates, replaces and removes them (audited, before
 * and after). Texts are checked when saved: an unknown variable or an unclosed placeholder is a 400
 * naming the field and the variable. Everybody else: 404.
 */
final class TemplatesFeature {

  static final Cursor CURSOR = Cursor.of("templates", Long.class);
  private static final String UNIQUE_VIOLATION = "23505";

  static final String FIELDS = """
      t.id, t.school_code, t.key, t.name, t.title_vi, t.body_vi, t.title_en, t.body_en, t.variables,
      t.created_at, t.updated_at""";
  private static final Reach.Query LIST = Reach.query("SELECT " + FIELDS + """

        FROM reach_school rs
        JOIN messaging.message_template t ON t.school_code = rs.school_code
       WHERE rs.school_code = $3 AND t.removed_at IS NULL AND t.id > coalesce($6::bigint, 0)
       ORDER BY t.id
       LIMIT $7""");
  static final Reach.Query ONE = Reach.query("SELECT " + FIELDS + """

        FROM reach_school rs
        JOIN messaging.message_template t ON t.school_code = rs.school_code
       WHERE rs.school_code = $3 AND t.id = $6 AND t.removed_at IS NULL""");
  private static final Reach.Query LOCK = Reach.query("SELECT " + FIELDS + """

        FROM reach_school rs
        JOIN messaging.message_template t ON t.school_code = rs.school_code
       WHERE rs.school_code = $3 AND t.id = $6 AND t.removed_at IS NULL
         FOR UPDATE OF t""");
  private static final Reach.Query CREATE = Reach.query("""
      , created AS (
        INSERT INTO messaging.message_template (school_code, key, name, title_vi, body_vi, title_en, body_en,
                                               variables, created_by)
        SELECT rs.school_code, $6, $7, $8, $9, $10, $11, $12, $13 FROM reach_school rs WHERE rs.school_code = $3
        RETURNING *)
      SELECT""" + " " + FIELDS + " FROM created t");
  private static final String REPLACE = """
      UPDATE messaging.message_template t
         SET key = $2, name = $3, title_vi = $4, body_vi = $5, title_en = $6, body_en = $7, variables = $8,
             updated_at = now()
       WHERE t.id = $1
      RETURNING""" + " " + FIELDS;
  private static final String REMOVE = "UPDATE messaging.message_template SET removed_at = now() WHERE id = $1";

  private final Pool pool;
  private final AuditLog audit;

  TemplatesFeature(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  void mount(RouterBuilder contract) {
    contract.getRoute("listTemplates").addHandler(this::list);
    contract.getRoute("getTemplate").addHandler(this::get);
    contract.getRoute("createTemplate").addHandler(this::create);
    contract.getRoute("replaceTemplate").addHandler(this::replace);
    contract.getRoute("removeTemplate").addHandler(this::remove);
  }

  /** Staff of a school see its templates; guardians and district officers have none. */
  static boolean readsTemplates(Caller caller) {
    return !caller.isGuardian() && caller.schoolCode() != null;
  }

  private static boolean managesTemplates(Caller caller) {
    return caller.is(StaffRole.PRINCIPAL) && caller.schoolCode() != null;
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!readsTemplates(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Page.Request page;
    try {
      page = Page.request(ctx, CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    pool.preparedQuery(LIST.sql(caller)).execute(Reach.params(caller, page.after(0), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<Row> fetched = new ArrayList<>();
          rows.forEach(fetched::add);
          Page.answer(ctx, page, CURSOR, fetched, TemplatesFeature::json, r -> new Object[] {r.getLong("id")});
        });
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null || !readsTemplates(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    pool.preparedQuery(ONE.sql(caller)).execute(Reach.params(caller, id)).onFailure(ctx::fail).onSuccess(rows -> {
      if (rows.size() == 0) {
        Problems.send(ctx, 404, "not-found");
      } else {
        ctx.json(json(rows.iterator().next()));
      }
    });
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!managesTemplates(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    JsonObject in = ctx.body().asJsonObject();
    pool.withTransaction(tx -> {
      String[] variables = variables(in);
      return tx.preparedQuery(CREATE.sql(caller)).execute(Reach.params(caller, in.getString("key"), in.getString("name"),
              in.getString("titleVi"), in.getString("bodyVi"), in.getString("titleEn"), in.getString("bodyEn"),
              variables, caller.subject()))
          .compose(rows -> {
            if (rows.size() == 0) {
              throw Refused.notFound(); // the principal's school is no longer in the directory
            }
            Row t = rows.iterator().next();
            JsonObject after = json(t);
            return audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "message_template.created", "message_template",
                String.valueOf(t.getLong("id"))).change(null, after)).map(v -> after);
          });
    }).onSuccess(t -> {
      ctx.response().setStatusCode(201);
      ctx.json(t);
    }).onFailure(e -> answer(ctx, e));
  }

  private void replace(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null || !managesTemplates(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    JsonObject in = ctx.body().asJsonObject();
    pool.withTransaction(tx -> tx.preparedQuery(LOCK.sql(caller)).execute(Reach.params(caller, id)).compose(rows -> {
      if (rows.size() == 0) {
        throw Refused.notFound();
      }
      JsonObject before = json(rows.iterator().next());
      String[] variables = variables(in);
      return tx.preparedQuery(REPLACE).execute(io.vertx.sqlclient.Tuple.of(id, in.getString("key"), in.getString("name"),
              in.getString("titleVi"), in.getString("bodyVi"), in.getString("titleEn"), in.getString("bodyEn"), variables))
          .compose(updated -> {
            JsonObject after = json(updated.iterator().next());
            return audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "message_template.replaced", "message_template",
                String.valueOf(id)).change(before, after)).map(v -> after);
          });
    })).onSuccess(ctx::json).onFailure(e -> answer(ctx, e));
  }

  private void remove(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Long id = MessageIds.parse(ctx.pathParam("id"));
    if (id == null || !managesTemplates(caller)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    pool.withTransaction(tx -> tx.preparedQuery(LOCK.sql(caller)).execute(Reach.params(caller, id)).compose(rows -> {
      if (rows.size() == 0) {
        throw Refused.notFound();
      }
      JsonObject before = json(rows.iterator().next());
      return tx.preparedQuery(REMOVE).execute(io.vertx.sqlclient.Tuple.of(id))
          .compose(v -> audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "message_template.removed",
              "message_template", String.valueOf(id)).change(before, null)));
    })).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(e -> answer(ctx, e));
  }

  /** The variables the texts use, or a 400 naming the text at fault and the variable. */
  private static String[] variables(JsonObject in) {
    String[][] fields = {{"titleVi", in.getString("titleVi")}, {"bodyVi", in.getString("bodyVi")},
        {"titleEn", in.getString("titleEn")}, {"bodyEn", in.getString("bodyEn")}};
    Set<String> all = new LinkedHashSet<>();
    for (String[] f : fields) {
      if (f[1] != null) {
        try {
          all.addAll(TemplateText.variables(f[1]));
        } catch (TemplateProblem p) {
          throw Refused.invalid(f[0], p.getMessage());
        }
      }
    }
    return all.toArray(String[]::new);
  }

  private static void answer(RoutingContext ctx, Throwable e) {
    if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      Problems.send(ctx, 409, "template-key-taken");
    } else {
      Refused.answer(ctx, e);
    }
  }

  static JsonObject json(Row t) {
    return new JsonObject().put("id", t.getLong("id")).put("schoolCode", t.getString("school_code"))
        .put("key", t.getString("key")).put("name", t.getString("name"))
        .put("titleVi", t.getString("title_vi")).put("bodyVi", t.getString("body_vi"))
        .put("titleEn", t.getString("title_en")).put("bodyEn", t.getString("body_en"))
        .put("variables", new JsonArray(List.of(t.getArrayOfStrings("variables"))))
        .put("createdAt", InboxItems.time(t.getOffsetDateTime("created_at")))
        .put("updatedAt", InboxItems.time(t.getOffsetDateTime("updated_at")));
  }
}
