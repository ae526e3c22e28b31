package vn.lienlac.messaging.devices;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The app installations that receive push notifications, as delivery needs them. The devices are
 * registered through the mobile API (which owns the table and implements this); the interface lives
 * here because delivery ({@code notification-workers}) depends on messaging-core only, and the push
 * channel must both find a guardian's devices and drop the ones the push provider calls dead.
 */
public interface Devices {

  /** A live installation of the app. */
  record PushDevice(String installationId, String platform, String pushToken, String language) {}

  /** The guardian's live devices, newest registration first. */
  Future<List<PushDevice>> liveDevicesOf(long guardianId);

  /**
   * The live devices of many guardians at once (a delivery batch), each list newest first; a guardian
   * without devices maps to an empty list. Stores override it with one query; this fallback asks per guardian.
   */
  default Future<Map<Long, List<PushDevice>>> liveDevicesOf(Collection<Long> guardianIds) {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(guardianIds));
    List<Future<List<PushDevice>>> each = ids.stream().map(this::liveDevicesOf).toList();
    return Future.all(each).map(v -> {
      Map<Long, List<PushDevice>> byGuardian = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        byGuardian.put(ids.get(i), each.get(i).result());
      }
      return byGuardian;
    });
  }

  /**
   * The push provider said this token will never work again (FCM {@code UNREGISTERED}): the device stops
   * receiving pushes until the app registers a new token. Unknown or already removed tokens are no error.
   *
   * @param reason the provider's words, kept for support (e.g. {@code UNREGISTERED})
   */
  Future<Void> removeDeadToken(String pushToken, String reason);
}
