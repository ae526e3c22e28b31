-- A system notice to one phone (sign-in code, payment received, fee reminder), stored before the
-- caller is answered. The delivery schema queues its attempts from here (see db/delivery).
CREATE TABLE messaging.notice (
  id          bigserial PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now(),
  guardian_id bigint,
  phone_e164  text NOT NULL CHECK (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  template    text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
  language    text NOT NULL CHECK (language IN ('vi', 'en')),
  -- The caller's idempotency key: a repeated key returns the stored notice instead of a second one.
  dedup_key   text UNIQUE,
  priority    text NOT NULL CHECK (priority IN ('urgent', 'normal'))
);

CREATE INDEX notice_guardian ON messaging.notice (guardian_id, created_at) WHERE guardian_id IS NOT NULL;
