-- Messages (announcements and thread messages) and their frozen per-guardian recipient rows
-- (DESIGN.md "messaging-core"). A message's audience is stored as given; expansion into recipient rows
-- runs in the database, in chunks, in the workers role, and is resumable (message_expansion).

CREATE TABLE messaging.message (
  id               bigserial PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('announcement', 'thread')),
  thread_id        bigint,                       -- kind = thread: the conversation it belongs to
  sender_subject   text NOT NULL,                -- 's:<staff id>' or 'g:<guardian id>' (Caller.subject())
  sender_role      text NOT NULL CHECK (sender_role IN ('teacher', 'principal', 'district_officer', 'accountant', 'guardian', 'system')),
  sender_name      text,
  district_code    text,                         -- the sender's district (scope of authority)
  school_code      text,                         -- null only for district-wide announcements
  title            text CHECK (title IS NULL OR char_length(title) <= 200),
  body             text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  attachments      jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attachments) = 'array'),
  priority         text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'important', 'emergency')),
  require_ack      boolean NOT NULL DEFAULT false,
  template_key     text,                         -- when sent from a school template
  send_at          timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz,
  school_year      text NOT NULL,                -- retention unit (e.g. 2026-2027)
  status           text NOT NULL CHECK (status IN ('scheduled', 'expanding', 'queued', 'sending', 'done', 'recalled')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  edited_at        timestamptz,
  recalled_at      timestamptz,
  idempotency_key  text,
  CHECK (expires_at IS NULL OR expires_at > send_at),
  UNIQUE (sender_subject, idempotency_key)
);
CREATE INDEX message_by_sender ON messaging.message (sender_subject, id DESC);
CREATE INDEX message_by_school ON messaging.message (school_code, id DESC);
CREATE INDEX message_due ON messaging.message (send_at) WHERE status IN ('scheduled', 'expanding');
CREATE INDEX message_by_thread ON messaging.message (thread_id, id) WHERE thread_id IS NOT NULL;

-- The audience as the sender gave it, resolved against the directory at send time.
CREATE TABLE messaging.message_audience (
  message_id  bigint NOT NULL REFERENCES messaging.message (id) ON DELETE CASCADE,
  position    smallint NOT NULL,
  scope       text NOT NULL CHECK (scope IN ('district', 'school', 'grade', 'class', 'student', 'guardian')),
  value       text NOT NULL,     -- district code, school code, '<school>:<grade>', class code, student id, guardian id
  PRIMARY KEY (message_id, position)
);

-- One narrow row per (message, guardian): frozen at expansion, then updated by delivery, read and ack.
-- A guardian with several children in the audience gets one row naming the children.
CREATE TABLE messaging.recipient (
  message_id          bigint NOT NULL,
  guardian_id         bigint NOT NULL,
  student_ids         text[] NOT NULL,
  school_code         text,
  delivery_state      text NOT NULL DEFAULT 'pending'
                      CHECK (delivery_state IN ('pending', 'sending', 'delivered', 'unreachable')),
  delivery_channel    text,
  unreachable_reason  text,
  delivered_at        timestamptz,
  read_at             timestamptz,
  acked_at            timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, guardian_id)
);
-- The inbox: a guardian's rows newest first.
CREATE INDEX recipient_inbox ON messaging.recipient (guardian_id, message_id DESC);

-- Counts per message for the sender's view, split in 16 shards (guardian_id % 16) so a million
-- recipients reading at once do not queue on one row; the view sums 16 rows.
CREATE TABLE messaging.message_count (
  message_id    bigint NOT NULL,
  shard         smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
  recipients    integer NOT NULL DEFAULT 0,
  delivered     integer NOT NULL DEFAULT 0,
  read          integer NOT NULL DEFAULT 0,
  acked         integer NOT NULL DEFAULT 0,
  unreachable   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (message_id, shard)
);

-- Where the expansion of a message stands: it walks the audience in key order, one bounded chunk per
-- transaction, and commits its position with the chunk, so a crash resumes after the last chunk.
CREATE TABLE messaging.message_expansion (
  message_id      bigint PRIMARY KEY REFERENCES messaging.message (id) ON DELETE CASCADE,
  after_guardian  bigint NOT NULL DEFAULT -1,
  chunks_done     integer NOT NULL DEFAULT 0,
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  lease_until     timestamptz,
  claimed_by      text
);
