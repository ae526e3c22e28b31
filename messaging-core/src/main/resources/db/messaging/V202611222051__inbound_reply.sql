-- Text a guardian sent us over another channel (Zalo today), kept durably until the threads feature
-- turns it into a reply in the guardian's thread with the teacher (handled_at set then).
-- (channel, external_id) is the provider's message id: the same inbound message is stored once.
CREATE TABLE messaging.inbound_reply (
  id           bigserial PRIMARY KEY,
  guardian_id  bigint NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('zalo', 'sms')),
  external_id  text NOT NULL,
  text         text NOT NULL,
  received_at  timestamptz NOT NULL,
  stored_at    timestamptz NOT NULL DEFAULT now(),
  handled_at   timestamptz,
  UNIQUE (channel, external_id)
);
CREATE INDEX inbound_reply_unhandled ON messaging.inbound_reply (received_at) WHERE handled_at IS NULL;
