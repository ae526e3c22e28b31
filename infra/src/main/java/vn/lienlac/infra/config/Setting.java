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
  RATE_LIMIT_USER_PER_SECOND("LIENLAC_RATE_LIMIT_USER_PER_SECOND", "rate-limit.user.per-second", "20",
      "Requests per second a signed-in user may make under /api/v1 (sustained); beyond: 429 with Retry-After."),
  RATE_LIMIT_USER_BURST("LIENLAC_RATE_LIMIT_USER_BURST", "rate-limit.user.burst", "60",
      "Requests a signed-in user may make at once before the per-second rate applies."),
  RATE_LIMIT_IP_PER_SECOND("LIENLAC_RATE_LIMIT_IP_PER_SECOND", "rate-limit.ip.per-second", "100",
      "Requests per second from one IP address under /api/v1 (a school's NAT puts many phones behind one)."),
  RATE_LIMIT_IP_BURST("LIENLAC_RATE_LIMIT_IP_BURST", "rate-limit.ip.burst", "300",
      "Requests one IP address may make at once before the per-second rate applies."),
  REALTIME_CHANNEL("LIENLAC_REALTIME_CHANNEL", "realtime.channel", "lienlac:rt",
      "Redis pub/sub channel on which api processes announce realtime events to each other (same on every process)."),
  REALTIME_PING_INTERVAL("LIENLAC_REALTIME_PING_INTERVAL", "realtime.ping-interval", "PT25S",
      "How often the server pings each realtime WebSocket."),
  REALTIME_IDLE_TIMEOUT("LIENLAC_REALTIME_IDLE_TIMEOUT", "realtime.idle-timeout", "PT60S",
      "A realtime WebSocket that sent nothing (not even a pong) for this long is closed; longer than the ping interval."),
  REALTIME_CATCH_UP_INTERVAL("LIENLAC_REALTIME_CATCH_UP_INTERVAL", "realtime.catch-up-interval", "PT5S",
      "How often each api process checks the database for events its connections missed (lost Redis announcements)."),
  REALTIME_MAX_BACKLOG_BYTES("LIENLAC_REALTIME_MAX_BACKLOG_BYTES", "realtime.max-backlog-bytes", "262144",
      "Bytes a realtime WebSocket may queue beyond its 64 KiB write buffer before the slow client is disconnected."),
  REALTIME_RETENTION("LIENLAC_REALTIME_RETENTION", "realtime.retention", "PT48H",
      "How long realtime events are kept for replay after a reconnect (at least PT24H)."),
  SMS_PROVIDER("LIENLAC_SMS_PROVIDER", "sms.provider", "esms",
      "Which SMS provider delivers notices: esms (eSMS.vn brandname) or twilio."),
  ESMS_BASE_URL("LIENLAC_ESMS_BASE_URL", "sms.esms.base-url", "https://rest.esms.vn",
      "eSMS.vn API base URL (demo: the sandbox)."),
  ESMS_API_KEY("LIENLAC_ESMS_API_KEY", "sms.esms.api-key", null,
      "eSMS.vn ApiKey; needed by the workers role when the SMS provider is esms."),
  ESMS_SECRET_KEY("LIENLAC_ESMS_SECRET_KEY", "sms.esms.secret-key", null,
      "eSMS.vn SecretKey; needed by the workers role when the SMS provider is esms."),
  ESMS_BRANDNAME("LIENLAC_ESMS_BRANDNAME", "sms.esms.brandname", null,
      "The registered brandname shown as sender; needed by the workers role when the SMS provider is esms."),
  TWILIO_BASE_URL("LIENLAC_TWILIO_BASE_URL", "sms.twilio.base-url", "https://api.twilio.com",
      "Twilio REST API base URL (demo: the sandbox)."),
  TWILIO_ACCOUNT_SID("LIENLAC_TWILIO_ACCOUNT_SID", "sms.twilio.account-sid", null,
      "Twilio Account SID (AC…); needed by the workers role when the SMS provider is twilio."),
  TWILIO_AUTH_TOKEN("LIENLAC_TWILIO_AUTH_TOKEN", "sms.twilio.auth-token", null,
      "Twilio Auth Token; needed by the workers role when the SMS provider is twilio."),
  TWILIO_FROM("LIENLAC_TWILIO_FROM", "sms.twilio.from", null,
      "Twilio sender: an E.164 number or a Messaging Service SID (MG…); needed when the SMS provider is twilio."),
  SMS_UNACCENTED("LIENLAC_SMS_UNACCENTED", "sms.unaccented", "true",
      "Send Vietnamese SMS without diacritics (GSM 7-bit: 160 characters a segment instead of 70)."),
  SMS_RATE_PER_SECOND("LIENLAC_SMS_RATE_PER_SECOND", "sms.rate-per-second", "20",
      "SMS sends per second for the provider account, shared by every workers process (Redis token bucket)."),
  SMS_SEGMENT_PRICE_VND("LIENLAC_SMS_SEGMENT_PRICE_VND", "sms.segment-price-vnd", "800",
      "Price of one SMS segment in đồng, recorded as the cost of each delivery."),
  SMS_REQUEST_TIMEOUT("LIENLAC_SMS_REQUEST_TIMEOUT", "sms.request-timeout", "PT10S",
      "How long one call to the SMS provider may take; keep it well under the delivery lease."),
  DELIVERY_BATCH_SIZE("LIENLAC_DELIVERY_BATCH_SIZE", "delivery.batch-size", "50",
      "Delivery attempts a worker claims at once."),
  DELIVERY_LEASE("LIENLAC_DELIVERY_LEASE", "delivery.lease", "PT60S",
      "How long a worker holds claimed attempts; a crashed worker's claims return to the queue after it."),
  DELIVERY_POLL_INTERVAL("LIENLAC_DELIVERY_POLL_INTERVAL", "delivery.poll-interval", "PT5S",
      "How often workers look for due retries besides being woken by NOTIFY."),
  DELIVERY_MAX_ATTEMPTS("LIENLAC_DELIVERY_MAX_ATTEMPTS", "delivery.max-attempts", "8",
      "Provider calls per delivery before it is failed (backoff doubles from 2 s up to 10 min)."),
  EXPANSION_CHUNK_SIZE("LIENLAC_EXPANSION_CHUNK_SIZE", "messages.expansion.chunk-size", "20000",
      "Guardians per transaction when an announcement is expanded into recipient rows (rows, counts and resume position commit together)."),
  EXPANSION_LEASE("LIENLAC_EXPANSION_LEASE", "messages.expansion.lease", "PT60S",
      "How long a worker holds a message it expands without progress; after it a dead worker's message is resumed by another."),
  EXPANSION_POLL_INTERVAL("LIENLAC_EXPANSION_POLL_INTERVAL", "messages.expansion.poll-interval", "PT1S",
      "How often workers look for scheduled messages coming due (new ones wake them by NOTIFY)."),
  EXPANSION_LANES("LIENLAC_EXPANSION_LANES", "messages.expansion.lanes", "4",
      "Messages one workers process expands at once, so class messages do not wait behind a district-wide one."),
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
