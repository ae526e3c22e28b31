-- The dispatcher's follow-up sweep reads only attempts that changed since it last looked, instead of
-- every open recipient of every sending message on every round.
--
-- swept_as: what the sweep last saw of the attempt: its state when it had failed ('failed',
-- 'unknown'), else 'open'; null while the sweep has not looked at it. An attempt is due when
--   * it failed and the sweep has not seen that failure (a retry or a receipt may fail it later), or
--   * the breaker holds it and the sweep has not looked at it, or
--   * the sweep has not looked at it and the fallback delay since it was created is over.
-- The sweep marks what it saw (only if the attempt still looks the same), so a recipient whose plan
-- has no further step is read again only when one of its attempts fails.
ALTER TABLE delivery.attempt ADD COLUMN swept_as text
  CHECK (swept_as IN ('open', 'failed', 'unknown'));

CREATE INDEX attempt_step_failed ON delivery.attempt (recipient_message_id, recipient_guardian_id)
  WHERE recipient_message_id IS NOT NULL
    AND ((state IN ('failed', 'unknown') AND swept_as IS DISTINCT FROM state)
         OR (held_by_breaker AND swept_as IS NULL));

CREATE INDEX attempt_step_due ON delivery.attempt (recipient_message_id, created_at)
  WHERE recipient_message_id IS NOT NULL AND swept_as IS NULL AND state NOT IN ('accepted', 'delivered');
