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
  PUBLIC_BASE_URL("LIENLAC_PUBLIC_BASE_URL", "http.public-base-url", "http://localhost:8080",
      "Where banks and providers reach our API from outside (webhook URLs are this plus /webhooks/…); demo points its fake bank here."),
  PAYOS_CHECKSUM_KEY("LIENLAC_PAYOS_CHECKSUM_KEY", "payments.payos.checksum-key", null,
      "payOS checksum key: verifies the signature of POST /webhooks/payos. Unset: that receiver is off (404)."),
  SEPAY_WEBHOOK_API_KEY("LIENLAC_SEPAY_WEBHOOK_API_KEY", "payments.sepay.webhook-api-key", null,
      "API key SePay sends as 'Authorization: Apikey …' to POST /webhooks/sepay. Unset (and no HMAC secret): that receiver is off."),
  SEPAY_WEBHOOK_HMAC_SECRET("LIENLAC_SEPAY_WEBHOOK_HMAC_SECRET", "payments.sepay.webhook-hmac-secret", null,
      "Secret of SePay's HMAC-SHA256 webhook signature (X-SePay-Signature over '<X-SePay-Timestamp>.<body>', at most 5 minutes off)."),
  VIETQR_SYNC_USERNAME("LIENLAC_VIETQR_SYNC_USERNAME", "payments.vietqr-sync.username", null,
      "Basic username VietQR.vn presents to POST /webhooks/vietqr/api/token_generate. Unset: the VietQR.vn receiver is off."),
  VIETQR_SYNC_PASSWORD("LIENLAC_VIETQR_SYNC_PASSWORD", "payments.vietqr-sync.password", null,
      "Basic password for VietQR.vn's token_generate; its Bearer tokens (5 minutes) are signed with a key derived from it."),
  SEPAY_API_URL("LIENLAC_SEPAY_API_URL", "payments.sepay.api-url", "https://userapi.sepay.vn/v2",
      "Base URL of SePay API v2 (GET <url>/transactions) for the bank pull."),
  SEPAY_API_TOKEN("LIENLAC_SEPAY_API_TOKEN", "payments.sepay.api-token", null,
      "SePay API v2 Bearer token. Set: the workers role pulls every collection account's transactions; unset: no pull."),
  BANK_PULL_INTERVAL("LIENLAC_BANK_PULL_INTERVAL", "payments.pull.interval", "PT2M",
      "How often the workers role pulls bank transactions, so a credit whose webhook was lost is recorded within minutes."),
  SANDBOX_BANK_PORT("LIENLAC_SANDBOX_BANK_PORT", "sandbox.bank.port", "8092",
      "Port of the fake bank in demo (POST /sandbox/bank/pay, SePay API v2 twin)."),
  SANDBOX_BANK_WEBHOOK("LIENLAC_SANDBOX_BANK_WEBHOOK", "sandbox.bank.webhook", "sepay",
      "Which notification the demo's fake bank sends for a credit: payos, sepay or vietqr."),
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
