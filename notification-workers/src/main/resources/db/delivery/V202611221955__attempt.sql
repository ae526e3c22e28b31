-- One row per delivery attempt of one thing (a notice today; a message recipient later, through
-- recipient_id) over one channel. The row is the work queue: workers claim due rows with
-- FOR UPDATE SKIP LOCKED and a lease; a dead worker's lease expires and the row is claimed again.
CREATE TABLE delivery.attempt (
  id                  bigserial PRIMARY KEY,
  notice_id           bigint REFERENCES messaging.notice (id),
  channel             text NOT NULL CHECK (channel IN ('sms', 'push', 'zns', 'zalo_oa')),
  provider            text,
  state               text NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'claimed', 'sending', 'accepted', 'delivered', 'failed', 'unknown')),
  priority            smallint NOT NULL DEFAULT 1,
  attempt_count       integer NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz NOT NULL DEFAULT now(),
  lease_until         timestamptz,
  claimed_by          text,
  provider_message_id text,
  last_error          text,
  segments            integer,
  cost_vnd            bigint,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (state NOT IN ('claimed', 'sending') OR lease_until IS NOT NULL)
);

-- What a claim scans: due pending rows in priority order, and leases that ran out.
CREATE INDEX attempt_due ON delivery.attempt (priority, next_attempt_at) WHERE state = 'pending';
CREATE INDEX attempt_leased ON delivery.attempt (lease_until) WHERE state IN ('claimed', 'sending');
CREATE INDEX attempt_notice ON delivery.attempt (notice_id) WHERE notice_id IS NOT NULL;

-- Storing a notice queues its SMS attempt in the same transaction and wakes the workers. It lives
-- here, not in messaging, because which channels a notice takes is delivery's decision.
CREATE FUNCTION delivery.queue_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO delivery.attempt (notice_id, channel, priority)
  VALUES (NEW.id, 'sms', CASE WHEN NEW.priority = 'urgent' THEN 0 ELSE 1 END);
  PERFORM pg_notify('delivery_due', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER notice_queues_delivery AFTER INSERT ON messaging.notice
  FOR EACH ROW EXECUTE FUNCTION delivery.queue_notice();
