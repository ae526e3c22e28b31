-- The reading side of messages: reminders, edits, templates in two languages, cheap unread counts.

-- A reminder is a message of its own whose recipients are copied from the original's non-readers.
ALTER TABLE messaging.message ADD COLUMN reminder_of bigint REFERENCES messaging.message (id) ON DELETE CASCADE;
CREATE INDEX message_reminders ON messaging.message (reminder_of) WHERE reminder_of IS NOT NULL;

-- A message sent from a school template keeps a snapshot of the template's texts (title/body are the
-- Vietnamese text, title_en/body_en the English one, null when the template has none) and the values the
-- sender gave ({"amount": 1500000}); {{student.name}}, {{guardian.name}}… are filled in per recipient when
-- the inbox is read, so one stored message serves every family in its own language.
ALTER TABLE messaging.message
  ADD COLUMN title_en text CHECK (title_en IS NULL OR char_length(title_en) <= 200),
  ADD COLUMN body_en text CHECK (body_en IS NULL OR char_length(body_en) BETWEEN 1 AND 4000),
  ADD COLUMN template_variables jsonb CHECK (template_variables IS NULL OR jsonb_typeof(template_variables) = 'object');

-- Unread counts per child come from this partial index alone (index-only scan over the guardian's unread
-- rows); it also serves the inbox filter unread=true. A read removes the row from it.
CREATE INDEX recipient_unread ON messaging.recipient (guardian_id, message_id DESC) INCLUDE (student_ids)
  WHERE read_at IS NULL;

-- School message templates, managed by principals, used by teachers and principals when sending.
CREATE TABLE messaging.message_template (
  id           bigserial PRIMARY KEY,
  school_code  text NOT NULL,
  key          text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  title_vi     text CHECK (title_vi IS NULL OR char_length(title_vi) <= 200),
  body_vi      text NOT NULL CHECK (char_length(body_vi) BETWEEN 1 AND 4000),
  title_en     text CHECK (title_en IS NULL OR char_length(title_en) <= 200),
  body_en      text CHECK (body_en IS NULL OR char_length(body_en) <= 4000),
  variables    text[] NOT NULL DEFAULT '{}',   -- the variables the texts use, found when saved
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz
);
-- A key names one living template per school; a removed template frees its key.
CREATE UNIQUE INDEX message_template_key ON messaging.message_template (school_code, key) WHERE removed_at IS NULL;
