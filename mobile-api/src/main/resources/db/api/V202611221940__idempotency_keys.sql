-- Idempotency-Key records: the first result of a creating POST, replayed to a retry with the same key.
-- scope is the caller's subject ('g:<id>', 's:<id>') or 'ip:<address>' for anonymous calls, so two
-- callers never see each other's keys. A row with completed_at NULL is a request still running.
-- Rows older than 24 h are purged in batches by the api role (IdempotencyPurge).
CREATE TABLE api.idempotency_key (
  scope            text        NOT NULL,
  key              text        NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
  request_hash     bytea       NOT NULL,
  status           smallint,
  response_headers jsonb,
  response_body    bytea,
  created_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz,
  PRIMARY KEY (scope, key),
  CHECK ((completed_at IS NULL) = (status IS NULL))
);

CREATE INDEX idempotency_key_created_at ON api.idempotency_key (created_at);
