package vn.lienlac.api.v1;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * One capability of {@code /api/v1}: it attaches its handlers to the operations of the contract it
 * implements (by operationId). Routes that are not plain request/response (the WebSocket) may be
 * added to the {@code /api/v1} router directly.
 */
public interface ApiFeature {

  void mount(RouterBuilder contract);

  default void mountOutsideContract(Router v1) {}

  /**
   * Paths under {@code /api/v1} (e.g. {@code /statements}) whose handlers read the request body
   * themselves, as a stream with a limit of their own: the generic body reader leaves them paused.
   */
  default java.util.Set<String> pathsReadingTheirOwnBody() {
    return java.util.Set.of();
  }

  /** Public routes outside {@code /api/v1} (e.g. receipt verification behind a printed QR code); no sign-in. */
  default void mountPublic(Router root) {}
}
