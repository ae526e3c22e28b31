package vn.lienlac.api;

/** The schema mobile-api owns (sign-in, sessions, devices, idempotency, audit, realtime events) and its migrations. */
public final class ApiSchema {

  public static final String NAME = "api";
  public static final String MIGRATIONS = "db/api";

  private ApiSchema() {}
}
