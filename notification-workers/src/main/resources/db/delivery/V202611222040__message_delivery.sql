-- Delivery of messages (messaging.recipient rows) besides notices: an attempt names the recipient it
-- delivers, and the plan step it belongs to. One attempt per (recipient, channel), whatever happens:
-- the dispatcher and the fallback sweep insert with ON CONFLICT DO NOTHING, so a crash between chunks
-- or two dispatchers racing cannot queue a second push, ZNS or SMS to the same guardian.
ALTER TABLE delivery.attempt
  ADD COLUMN recipient_message_id  bigint,
  ADD COLUMN recipient_guardian_id bigint,
  ADD COLUMN plan_step             smallint,
  ADD COLUMN school_code           text,
  -- true while the provider's circuit breaker holds the attempt back: the sweep may start the next
  -- step of the plan without waiting for the fallback delay
  ADD COLUMN held_by_breaker       boolean NOT NULL DEFAULT false,
  -- push: devices reached / devices tried (a guardian may have several installations)
  ADD COLUMN devices_reached       integer,
  ADD COLUMN queued_at             timestamptz,
  ADD COLUMN accepted_at           timestamptz,
  ADD CONSTRAINT attempt_delivers_one_thing
    CHECK ((notice_id IS NULL) <> (recipient_message_id IS NULL)),
  ADD CONSTRAINT attempt_recipient_whole
    CHECK ((recipient_message_id IS NULL) = (recipient_guardian_id IS NULL));

CREATE UNIQUE INDEX attempt_once_per_recipient_channel
  ON delivery.attempt (recipient_message_id, recipient_guardian_id, channel)
  WHERE recipient_message_id IS NOT NULL;

-- What a guardian allows: channels (null = every channel) and quiet hours in Vietnam time, during
-- which non-urgent sends wait until the end of the quiet period. Language comes from the directory.
CREATE TABLE delivery.guardian_preference (
  guardian_id       bigint PRIMARY KEY,
  channels          text[] CHECK (channels <@ ARRAY['push', 'zns', 'zalo_oa', 'sms']::text[]),
  quiet_from        time,
  quiet_until       time,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_from IS NULL) = (quiet_until IS NULL))
);

-- A school's delivery policy; a school without a row gets the written defaults (DeliveryPolicy).
CREATE TABLE delivery.school_policy (
  school_code             text PRIMARY KEY,
  sms_allowed             boolean NOT NULL DEFAULT false,
  plans                   jsonb,          -- {"normal": [["push"], ["zns"], ["sms"]], ...}; null = defaults
  fallback_after_seconds  integer CHECK (fallback_after_seconds > 0),
  ack_reminder_seconds    integer CHECK (ack_reminder_seconds > 0),
  zns_price_vnd           bigint CHECK (zns_price_vnd >= 0),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

-- The monthly budget of a school per paid channel ('zns', 'sms'), and what was spent against it
-- (kept with each accepted paid attempt, in the same statement). month = first day, Vietnam time.
CREATE TABLE delivery.school_budget (
  school_code   text NOT NULL,
  month         date NOT NULL CHECK (extract(day FROM month) = 1),
  channel       text NOT NULL CHECK (channel IN ('zns', 'zalo_oa', 'sms')),
  limit_vnd     bigint NOT NULL CHECK (limit_vnd >= 0),
  spent_vnd     bigint NOT NULL DEFAULT 0,
  warned_at     timestamptz,            -- when the 80% warning went out (once a month per channel)
  exhausted_at  timestamptz,            -- when spending reached the limit
  PRIMARY KEY (school_code, month, channel)
);

-- Where the dispatch of a queued message stands (resumable: chunks by guardian id).
CREATE TABLE delivery.message_dispatch (
  message_id      bigint PRIMARY KEY,
  after_guardian  bigint NOT NULL DEFAULT -1,
  finished_at     timestamptz,
  published_at    timestamptz         -- last delivery.updated event raised for it
);

-- What the sweep and the worklist scan.
CREATE INDEX attempt_recipient_open ON delivery.attempt (recipient_message_id, recipient_guardian_id)
  WHERE recipient_message_id IS NOT NULL AND state NOT IN ('accepted', 'delivered');
CREATE INDEX recipient_undelivered ON messaging.recipient (message_id, guardian_id)
  WHERE delivery_state IN ('pending', 'sending');
CREATE INDEX recipient_unreachable ON messaging.recipient (school_code, message_id)
  WHERE delivery_state = 'unreachable';
