-- Announcements (issue 4, core): waking the expansion workers, and what retention and the sender's
-- views need on top of V202611222000__messages.sql.

-- A new expansion row wakes the workers at once (LISTEN message_expansion_due); scheduled messages
-- are found by the workers' timer when their send_at comes.
CREATE FUNCTION messaging.notify_expansion_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('message_expansion_due', NEW.message_id::text);
  RETURN NULL;
END $$;

CREATE TRIGGER message_expansion_due AFTER INSERT ON messaging.message_expansion
  FOR EACH ROW EXECUTE FUNCTION messaging.notify_expansion_due();

-- Expansions still to do, the emergency ones first (the claim walks this index).
CREATE INDEX message_expansion_open ON messaging.message_expansion (message_id) WHERE finished_at IS NULL;

-- Retention: `messages purge --before` walks old messages by creation time.
CREATE INDEX message_by_created ON messaging.message (created_at, id);
-- The district officer's list of their district's messages.
CREATE INDEX message_by_district ON messaging.message (district_code, id DESC);
