-- Two-way threads between a school's staff and the guardians of one student, and office hours.
-- A thread's messages are messaging.message rows (kind 'thread', thread_id); guardian participants other
-- than the author get a messaging.recipient row per message (their inbox, delivery, read state), the
-- staff side follows the thread through its participant row's read position.

CREATE TABLE messaging.thread (
  id                 bigserial PRIMARY KEY,
  school_code        text NOT NULL,
  district_code      text,
  student_id         text NOT NULL,
  -- The staff side: a directory teacher (teacher_code) and/or a staff account (staff_id). A guardian may
  -- write to a teacher who has no account yet: staff_id stays null and the account is found by teacher
  -- code when it exists. Replies to a principal's or district officer's announcement have no teacher code.
  teacher_code       text,
  staff_id           bigint,
  subject            text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 200),
  opened_by          text NOT NULL CHECK (opened_by ~ '^[gs]:[0-9]+$'),
  -- Set when the thread began as a guardian's private reply to an announcement.
  origin_message_id  bigint,
  origin_guardian_id bigint,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_message_at    timestamptz NOT NULL DEFAULT now(),
  -- Message ids are unique across threads, so this also orders threads by newest activity without ties.
  last_message_id    bigint NOT NULL DEFAULT 0,
  CHECK (teacher_code IS NOT NULL OR staff_id IS NOT NULL),
  CHECK ((origin_message_id IS NULL) = (origin_guardian_id IS NULL))
);
-- One reply thread per (announcement, guardian, student): a second reply goes to the same conversation.
CREATE UNIQUE INDEX thread_one_reply_per_origin ON messaging.thread (origin_message_id, origin_guardian_id, student_id)
  WHERE origin_message_id IS NOT NULL;
CREATE INDEX thread_by_teacher ON messaging.thread (teacher_code, last_message_id DESC) WHERE teacher_code IS NOT NULL;
CREATE INDEX thread_by_staff ON messaging.thread (staff_id, last_message_id DESC) WHERE staff_id IS NOT NULL;
CREATE INDEX thread_by_school ON messaging.thread (school_code, last_message_id DESC);

-- Who takes part: one 'staff' row per thread, one row per guardian ('g:<id>'). Read position = the id of
-- the newest message the participant has read; auto_replied_for = the office-hours opening the last
-- auto-reply to this guardian announced (one auto-reply per closed period).
CREATE TABLE messaging.thread_participant (
  thread_id             bigint NOT NULL REFERENCES messaging.thread (id) ON DELETE CASCADE,
  party                 text NOT NULL CHECK (party = 'staff' OR party ~ '^g:[0-9]+$'),
  guardian_id           bigint,
  last_read_message_id  bigint NOT NULL DEFAULT 0,
  read_at               timestamptz,
  auto_replied_for      timestamptz,
  joined_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, party),
  CHECK ((party = 'staff') = (guardian_id IS NULL))
);
CREATE INDEX thread_participant_by_guardian ON messaging.thread_participant (guardian_id, thread_id)
  WHERE guardian_id IS NOT NULL;

-- A guardian's thread message written outside the staff member's office hours: stored and visible at
-- once, but the staff member is notified (realtime, later push) only from deliver_after on.
CREATE TABLE messaging.thread_staff_delivery (
  message_id     bigint PRIMARY KEY REFERENCES messaging.message (id) ON DELETE CASCADE,
  thread_id      bigint NOT NULL,
  deliver_after  timestamptz NOT NULL,
  released_at    timestamptz
);
CREATE INDEX thread_staff_delivery_due ON messaging.thread_staff_delivery (deliver_after) WHERE released_at IS NULL;

-- Office hours of a staff account: weekly windows in Asia/Ho_Chi_Minh and the auto-reply guardians get
-- when they write outside them. windows: [{"day": 1..7 (ISO, Monday = 1), "from": "HH:MM", "to": "HH:MM"}].
CREATE TABLE messaging.office_hours (
  staff_id         bigint PRIMARY KEY,
  enabled          boolean NOT NULL,
  windows          jsonb NOT NULL CHECK (jsonb_typeof(windows) = 'array'),
  auto_reply_vi    text NOT NULL CHECK (char_length(auto_reply_vi) BETWEEN 1 AND 1000),
  auto_reply_en    text CHECK (auto_reply_en IS NULL OR char_length(auto_reply_en) BETWEEN 1 AND 1000),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
