package vn.lienlac.api.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens already verified, so that an app making many requests with one token pays for its
 * ES256 signature check once rather than on every request (the check costs about a millisecond of
 * CPU, more than the rest of a typical request). Keyed by the whole token text: a token differing in
 * any byte is verified afresh. Expiry is still checked on every hit. Bounded: when full, expired
 * entries go, and if that is not enough, everything (the next requests simply verify again).
 */
final class VerifiedTokens {

  private record Verified(Caller caller, long expiresAt) {}

  private final ConcurrentHashMap<String, Verified> byToken = new ConcurrentHashMap<>();
  private final int capacity;
  private final long leewaySeconds;

  VerifiedTokens(int capacity, long leewaySeconds) {
    this.capacity = capacity;
    this.leewaySeconds = leewaySeconds;
  }

  /** The caller of a token verified before and not expired at {@code now}, otherwise null. */
  Caller get(String token, long now) {
    Verified verified = byToken.get(token);
    if (verified == null) {
      return null;
    }
    if (verified.expiresAt() + leewaySeconds < now) {
      byToken.remove(token, verified);
      return null;
    }
    return verified.caller();
  }

  void put(String token, Caller caller, long expiresAt, long now) {
    if (byToken.size() >= capacity) {
      byToken.values().removeIf(v -> v.expiresAt() + leewaySeconds < now);
      if (byToken.size() >= capacity) {
        byToken.clear();
      }
    }
    byToken.put(token, new Verified(caller, expiresAt));
  }

  int size() {
    return byToken.size();
  }
}
