-- Sign-in: guardians by one-time codes sent to their phone, staff by password (+ TOTP); sessions
-- (refresh-token families) and the app installations that receive push notifications.

-- One code sent to a guardian's phone. Only the latest challenge of a phone can be answered; a code is
-- kept as HMAC-SHA256(salt, code) with a random salt per challenge, never in clear.
CREATE TABLE otp_challenge (
  id               bigserial PRIMARY KEY,
  phone_e164       text NOT NULL,
  guardian_id      bigint NOT NULL,
  salt             bytea NOT NULL,
  code_hash        bytea NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  failed_attempts  smallint NOT NULL DEFAULT 0,
  used_at          timestamptz,
  locked_at        timestamptz
);
CREATE INDEX otp_challenge_latest_by_phone ON otp_challenge (phone_e164, id DESC);

-- Staff accounts: directory teachers (one account each) and the roles the directory does not know.
CREATE TABLE staff_account (
  id                bigserial PRIMARY KEY,
  username          text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role              text NOT NULL CHECK (role IN ('teacher', 'accountant', 'principal', 'district_officer')),
  school_code       text,
  district_code     text,
  teacher_code      text,
  password_hash     text,
  totp_secret       bytea,
  totp_last_step    bigint NOT NULL DEFAULT -1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  disabled_at       timestamptz,
  disabled_reason   text CHECK (disabled_reason IN ('no_password', 'teacher_removed')),
  CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL)),
  CHECK (role = 'district_officer' OR school_code IS NOT NULL),
  CHECK (role <> 'district_officer' OR district_code IS NOT NULL),
  CHECK ((role = 'teacher') = (teacher_code IS NOT NULL))
);
CREATE UNIQUE INDEX staff_account_one_per_teacher ON staff_account (teacher_code) WHERE teacher_code IS NOT NULL;

-- A sign-in session: the family of refresh tokens that descend from one sign-in.
CREATE TABLE session (
  id               text PRIMARY KEY,
  guardian_id      bigint,
  staff_id         bigint REFERENCES staff_account (id),
  installation_id  text,
  device_name      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  refreshed_at     timestamptz,
  revoked_at       timestamptz,
  revoked_reason   text CHECK (revoked_reason IN ('logout', 'refresh_token_reused', 'account_gone')),
  CHECK ((guardian_id IS NULL) <> (staff_id IS NULL)),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX session_by_guardian ON session (guardian_id) WHERE guardian_id IS NOT NULL;
CREATE INDEX session_by_staff ON session (staff_id) WHERE staff_id IS NOT NULL;

-- Refresh tokens are 256 random bits; SHA-256 of them is enough to store (nothing to guess).
CREATE TABLE refresh_token (
  token_hash  bytea PRIMARY KEY,
  session_id  text NOT NULL REFERENCES session (id),
  issued_at   timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX refresh_token_by_session ON refresh_token (session_id);
CREATE INDEX refresh_token_by_expiry ON refresh_token (expires_at);
CREATE INDEX otp_challenge_by_age ON otp_challenge (created_at);

-- An installation of the app that receives push notifications, owned by the user signed in on it.
-- The owner is a directory guardian or a staff account; like the directory, no foreign key to either.
CREATE TABLE device (
  installation_id  text PRIMARY KEY,
  guardian_id      bigint,
  staff_id         bigint,
  platform         text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  push_token       text NOT NULL,
  app_version      text NOT NULL,
  language         text CHECK (language IN ('vi', 'en')),
  registered_at    timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  removed_at       timestamptz,
  removed_reason   text CHECK (removed_reason IN ('unregistered', 'push_token_dead', 'push_token_reused')),
  removed_detail   text,
  CHECK ((guardian_id IS NULL) <> (staff_id IS NULL)),
  CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
);
CREATE INDEX device_live_by_guardian ON device (guardian_id) WHERE removed_at IS NULL AND guardian_id IS NOT NULL;
CREATE INDEX device_live_by_staff ON device (staff_id) WHERE removed_at IS NULL AND staff_id IS NOT NULL;
CREATE UNIQUE INDEX device_live_push_token ON device (push_token) WHERE removed_at IS NULL;
