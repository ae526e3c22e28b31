-- Realtime events: what the app's WebSocket delivers, kept so that a client reconnecting with its last
-- event id receives everything it missed (at least 24 h; see LIENLAC_REALTIME_RETENTION).

-- One row per user (subject "g:<guardian id>" or "s:<staff account id>"): the last event id given out.
-- Publishing increments it with UPDATE … RETURNING in the transaction that inserts the event, so the
-- row lock orders concurrent publishers and ids are gap-free in commit order per user.
CREATE TABLE api.realtime_stream (
  subject text PRIMARY KEY,
  last_id bigint NOT NULL CHECK (last_id >= 0)
);

CREATE TABLE api.realtime_event (
  subject text NOT NULL,
  id bigint NOT NULL,
  type text NOT NULL CHECK (type IN ('message.created', 'message.read', 'delivery.updated', 'invoice.updated')),
  data jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject, id)
);

-- The purge deletes by age in batches.
CREATE INDEX realtime_event_at ON api.realtime_event (at);

COMMENT ON TABLE api.realtime_stream IS 'Per-user realtime event counter (last id handed out)';
COMMENT ON TABLE api.realtime_event IS 'Realtime events per user, replayed after reconnect; purged after the retention';
