package vn.lienlac.infra.config;

/**
 * Every setting Liên Lạc reads, with its environment variable, its key in {@code lienlac.yaml}, its
 * default (null when it must be given) and what it means. `./lienlac config` prints this table.
 */
public enum Setting {
  HTTP_HOST("LIENLAC_HTTP_HOST", "http.host", "0.0.0.0", "Interface the HTTP API listens on."),
  HTTP_PORT("LIENLAC_HTTP_PORT", "http.port", "8080", "Port of the HTTP API, in every mode."),
  PG_URL("LIENLAC_PG_URL", "postgres.url", null,
      "Our PostgreSQL database, postgresql://user:password@host:port/database."),
  PG_POOL_SIZE("LIENLAC_PG_POOL_SIZE", "postgres.pool-size", "16", "Connections per process to our database."),
  REDIS_URL("LIENLAC_REDIS_URL", "redis.url", null, "Redis, redis://[:password@]host:port[/db]."),
  DISTRICT_PG_URL("LIENLAC_DISTRICT_PG_URL", "district.url", null,
      "The district education database (read only), postgresql://…; needed by the workers role and district commands."),
  DISTRICT_POOL_SIZE("LIENLAC_DISTRICT_POOL_SIZE", "district.pool-size", "4",
      "Connections to the district database (one per table copied in parallel, plus one)."),
  DISTRICT_SYNC_INTERVAL("LIENLAC_DISTRICT_SYNC_INTERVAL", "district.sync.interval", "PT5M",
      "How often the workers role copies directory changes (ISO-8601 duration)."),
  DISTRICT_FULL_PASS_EVERY("LIENLAC_DISTRICT_FULL_PASS_EVERY", "district.sync.full-pass-every", "PT24H",
      "How often a full pass re-reads everything to find rows deleted upstream."),
  DISTRICT_PAGE_SIZE("LIENLAC_DISTRICT_PAGE_SIZE", "district.sync.page-size", "5000",
      "Rows per page (one transaction) when copying the directory."),
  DISTRICT_PARALLEL_TABLES("LIENLAC_DISTRICT_PARALLEL_TABLES", "district.sync.parallel-tables", "3",
      "How many upstream tables the sync copies at once (1–7)."),
  JWT_SIGNING_KEY("LIENLAC_JWT_SIGNING_KEY", "auth.jwt-signing-key", null,
      "EC P-256 private key signing access tokens (ES256): PKCS#8 PEM text, or the path of a PEM file. Same key on every api process; `demo` makes one."),
  ACCESS_TOKEN_TTL("LIENLAC_ACCESS_TOKEN_TTL", "auth.access-token-ttl", "PT15M",
      "Lifetime of an access token; the app refreshes it with its refresh token."),
  TRUSTED_PROXIES("LIENLAC_TRUSTED_PROXIES", "http.trusted-proxies", "none",
      "Reverse proxies whose X-Forwarded-For names the client (audit, per-IP limits): comma-separated addresses or CIDR ranges, e.g. 10.0.0.0/8. none: the socket address counts."),
  REFRESH_TOKEN_TTL_GUARDIAN("LIENLAC_REFRESH_TOKEN_TTL_GUARDIAN", "auth.refresh-token-ttl.guardian", "P60D",
      "Lifetime of a guardian's refresh token; every refresh starts a new one, so an app used within it stays signed in."),
  REFRESH_TOKEN_TTL_STAFF("LIENLAC_REFRESH_TOKEN_TTL_STAFF", "auth.refresh-token-ttl.staff", "PT12H",
      "Lifetime of a staff refresh token (shorter: staff reach many families' data)."),
  OTP_LIMIT_PER_PHONE("LIENLAC_OTP_LIMIT_PER_PHONE", "auth.otp.limit-per-phone", "3/PT15M",
      "Sign-in codes one phone number may be sent, as COUNT/DURATION (a Redis token bucket)."),
  OTP_LIMIT_PER_IP("LIENLAC_OTP_LIMIT_PER_IP", "auth.otp.limit-per-ip", "20/PT1H",
      "Sign-in codes one client address may ask for, as COUNT/DURATION."),
  OTP_VERIFY_LIMIT_PER_IP("LIENLAC_OTP_VERIFY_LIMIT_PER_IP", "auth.otp.verify-limit-per-ip", "30/PT15M",
      "Code checks one client address may make, as COUNT/DURATION."),
  PASSWORD_LIMIT_PER_USERNAME("LIENLAC_PASSWORD_LIMIT_PER_USERNAME", "auth.password.limit-per-username", "10/PT15M",
      "Staff password attempts per username, as COUNT/DURATION."),
  PASSWORD_LIMIT_PER_IP("LIENLAC_PASSWORD_LIMIT_PER_IP", "auth.password.limit-per-ip", "50/PT15M",
      "Staff password attempts per client address, as COUNT/DURATION."),
  INVOICE_REMINDER_DAYS_BEFORE("LIENLAC_INVOICE_REMINDER_DAYS_BEFORE", "payment.reminder.days-before", "3",
      "Guardians are reminded of an unpaid invoice this many days before its due date (0: on the day)."),
  INVOICE_REMINDER_DAYS_AFTER("LIENLAC_INVOICE_REMINDER_DAYS_AFTER", "payment.reminder.days-after", "3",
      "…and once more this many days after the due date if it is still unpaid (at least 1)."),
  INVOICE_REMINDER_INTERVAL("LIENLAC_INVOICE_REMINDER_INTERVAL", "payment.reminder.interval", "PT1H",
      "How often the workers role looks for invoices to remind about (ISO-8601 duration)."),
  SHUTDOWN_GRACE("LIENLAC_SHUTDOWN_GRACE", "shutdown.grace", "PT30S",
      "On SIGTERM, how long in-flight requests and batches may take to finish."),
  LOG_FORMAT("LIENLAC_LOG_FORMAT", "log.format", "json", "json (one object per line) or text."),
  DATA_DIR("LIENLAC_DATA_DIR", "data-dir", "var",
      "Where demo and benchmark keep embedded PostgreSQL data (relative to the project folder).");

  private final String env;
  private final String yamlKey;
  private final String defaultValue;
  private final String meaning;

  Setting(String env, String yamlKey, String defaultValue, String meaning) {
    this.env = env;
    this.yamlKey = yamlKey;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  public String env() {
    return env;
  }

  public String yamlKey() {
    return yamlKey;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String meaning() {
    return meaning;
  }
}
