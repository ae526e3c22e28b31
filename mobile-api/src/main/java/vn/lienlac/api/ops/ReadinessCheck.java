package vn.lienlac.api.ops;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Whether this process can serve: each dependency by name with "up" or the reason it is not.
 * The process is ready only when every entry is "up".
 */
@FunctionalInterface
public interface ReadinessCheck {
  Future<Map<String, String>> check();
}
