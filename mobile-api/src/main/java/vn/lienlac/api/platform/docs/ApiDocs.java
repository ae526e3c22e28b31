package vn.lienlac.api.platform.docs;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code /docs}: the contract, browsable, in Swagger UI. The UI comes from the {@code org.webjars:swagger-ui}
 * jar on the classpath (its version read from the jar itself), so the page loads nothing from the
 * internet; our own page and start-up script point it at {@code /api/v1/openapi.yaml}.
 */
public final class ApiDocs {

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String PAGES = "vn/lienlac/api/platform/docs/";

  private ApiDocs() {}

  public static void mount(Router router) {
    Buffer index = resource(PAGES + "index.html");
    Buffer init = resource(PAGES + "init.js");
    // Vert.x matches "/docs" and "/docs/" alike; the page's relative links want the slash.
    router.get("/docs").handler(ctx -> {
      if (!ctx.request().path().endsWith("/")) {
        ctx.redirect("/docs/");
        return;
      }
      ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-cache").end(index);
    });
    router.get("/docs/init.js").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/javascript; charset=utf-8").putHeader("cache-control", "no-cache").end(init));
    router.get("/docs/assets/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion())
        .setDirectoryListing(false).setMaxAgeSeconds(86_400));
  }

  static String swaggerUiVersion() {
    Properties pom = new Properties();
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
      if (in == null) {
        throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static Buffer resource(String path) {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
