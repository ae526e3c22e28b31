-- The expansion writes a million recipient rows in a few seconds, and every index on messaging.recipient
-- is part of that cost; the two indexes keyed by guardian are the expensive ones (each row lands on a
-- random leaf page, unlike the primary key and delivery's index, which grow at their right edge).
-- recipient_unread repeated recipient_inbox for unread rows (at expansion: every row) and carried the
-- children's ids besides, making it the largest of all. The unread counts now read the guardian's rows
-- through recipient_inbox and check read_at on the row: a guardian has a few hundred rows a school year.
DROP INDEX messaging.recipient_unread;

-- A NOTIFY inside the sending transaction holds PostgreSQL's global notify lock from its commit through
-- the WAL flush, so every announcement's commit queued behind every other's. The sender now wakes the
-- workers after its commit, coalesced per process (ExpansionWake); their poll is the fallback.
DROP TRIGGER message_expansion_due ON messaging.message_expansion;
DROP FUNCTION messaging.notify_expansion_due();
