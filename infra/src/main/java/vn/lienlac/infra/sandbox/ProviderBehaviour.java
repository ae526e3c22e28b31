package vn.lienlac.infra.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How one sandbox provider misbehaves, set through {@code POST /sandbox/control}: latency, error rates
 * per code, the next N answers forced, an outage window, and 429 above a quota per second. A code of
 * 400–599 is an HTTP status; any other is the provider's own error code (eSMS CodeResult, Twilio code).
 */
public final class ProviderBehaviour {

  private long latencyMs;
  private final Map<String, Double> errorRates = new LinkedHashMap<>();
  private final Deque<String> failNext = new ArrayDeque<>();
  private Instant outageUntil = Instant.MIN;
  private int outageStatus = 503;
  private int quotaPerSecond;
  /** A quota over any 60 seconds (FCM counts per minute, not clock-aligned): one counter per second. */
  private int quotaPerMinute;
  private final long[] minuteSlots = new long[60];
  private final int[] minuteCounts = new int[60];
  private long window = -1;
  private int inWindow;
  private long throttled;
  private final SplittableRandom random = new SplittableRandom(5);

  public static boolean isHttpStatus(String code) {
    return code.length() == 3 && code.charAt(0) >= '4' && code.charAt(0) <= '5';
  }

  /** The fault to answer this request with, or null to accept it. */
  public synchronized String nextFault(Instant now) {
    if (quotaPerSecond > 0) {
      long second = now.getEpochSecond();
      if (second != window) {
        window = second;
        inWindow = 0;
      }
      if (++inWindow > quotaPerSecond) {
        throttled++;
        return "429";
      }
    }
    if (quotaPerMinute > 0 && overMinuteQuota(now.getEpochSecond())) {
      throttled++;
      return "429";
    }
    if (now.isBefore(outageUntil)) {
      return Integer.toString(outageStatus);
    }
    if (!failNext.isEmpty()) {
      return failNext.removeFirst();
    }
    for (Map.Entry<String, Double> rate : errorRates.entrySet()) {
      if (random.nextDouble() < rate.getValue()) {
        return rate.getKey();
      }
    }
    return null;
  }

  private boolean overMinuteQuota(long second) {
    int slot = (int) (second % 60);
    if (minuteSlots[slot] != second) {
      minuteSlots[slot] = second;
      minuteCounts[slot] = 0;
    }
    long inWindow = 0;
    for (int i = 0; i < 60; i++) {
      if (second - minuteSlots[i] < 60) {
        inWindow += minuteCounts[i];
      }
    }
    if (inWindow >= quotaPerMinute) {
      return true;
    }
    minuteCounts[slot]++;
    return false;
  }

  /** Answers refused with 429 since start or the last reset. */
  public synchronized long throttled() {
    return throttled;
  }

  public synchronized void quotaPerMinute(int quota) {
    quotaPerMinute = quota;
  }

  public synchronized long latencyMs() {
    return latencyMs;
  }

  /** Applies a control document; unknown fields are an error so a typo does not silently do nothing. */
  synchronized void apply(JsonObject control, Instant now) {
    for (String field : control.fieldNames()) {
      switch (field) {
        case "provider" -> { }
        case "reset" -> {
          if (control.getBoolean("reset", false)) {
            reset();
          }
        }
        case "latencyMs" -> latencyMs = nonNegative(control.getLong(field), field);
        case "errorRates" -> {
          errorRates.clear();
          control.getJsonObject(field).forEach(e -> {
            double rate = ((Number) e.getValue()).doubleValue();
            if (rate < 0 || rate > 1) {
              throw new IllegalArgumentException("errorRates." + e.getKey() + " must be between 0 and 1");
            }
            errorRates.put(e.getKey(), rate);
          });
        }
        case "failNext" -> control.getJsonArray(field).forEach(code -> failNext.addLast(code.toString()));
        case "outage" -> {
          JsonObject outage = control.getJsonObject(field);
          outageUntil = now.plus(Duration.ofMillis((long) (outage.getDouble("seconds", 0.0) * 1000)));
          outageStatus = outage.getInteger("status", 503);
        }
        case "quotaPerSecond" -> quotaPerSecond = (int) nonNegative(control.getLong(field), field);
        case "quotaPerMinute" -> quotaPerMinute = (int) nonNegative(control.getLong(field), field);
        default -> throw new IllegalArgumentException("unknown control field '" + field + "'");
      }
    }
  }

  synchronized void reset() {
    latencyMs = 0;
    errorRates.clear();
    failNext.clear();
    outageUntil = Instant.MIN;
    outageStatus = 503;
    quotaPerSecond = 0;
    throttled = 0;
    java.util.Arrays.fill(minuteSlots, 0);
    java.util.Arrays.fill(minuteCounts, 0);
  }

  synchronized JsonObject toJson(Instant now) {
    return new JsonObject().put("latencyMs", latencyMs).put("errorRates", new JsonObject(new LinkedHashMap<>(errorRates)))
        .put("failNext", new JsonArray(failNext.stream().map(Object.class::cast).toList()))
        .put("outageSecondsLeft", now.isBefore(outageUntil) ? Duration.between(now, outageUntil).toSeconds() : 0)
        .put("outageStatus", outageStatus).put("quotaPerSecond", quotaPerSecond)
        .put("quotaPerMinute", quotaPerMinute).put("throttled", throttled);
  }

  private static long nonNegative(Long value, String field) {
    if (value == null || value < 0) {
      throw new IllegalArgumentException(field + " must be a number ≥ 0");
    }
    return value;
  }
}
