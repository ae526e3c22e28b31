-- The double-entry ledger: every money movement is one journal entry whose lines sum to zero
-- (positive = debit, negative = credit, whole đồng). Entries are never changed or deleted; a mistake
-- is undone by a reversing entry that names the one it reverses.
CREATE TABLE payment.journal_entry (
  id                   bigserial PRIMARY KEY,
  posted_at            timestamptz NOT NULL DEFAULT now(),
  school_code          text NOT NULL,
  kind                 text NOT NULL,
  invoice_id           bigint,
  bank_transaction_id  bigint,
  application_id       bigint,
  reverses_entry_id    bigint REFERENCES payment.journal_entry (id),
  description          text
);
CREATE INDEX journal_entry_by_invoice ON payment.journal_entry (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX journal_entry_by_transaction ON payment.journal_entry (bank_transaction_id) WHERE bank_transaction_id IS NOT NULL;

CREATE TABLE payment.journal_line (
  entry_id  bigint NOT NULL REFERENCES payment.journal_entry (id),
  line_no   smallint NOT NULL,
  account   text NOT NULL,
  amount    bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX journal_line_by_account ON payment.journal_line (account);

-- The database itself refuses an unbalanced entry, whatever code wrote it: checked at commit, once
-- all lines of the entry are in.
CREATE FUNCTION payment.journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
  lines integer;
BEGIN
  SELECT coalesce(sum(amount), 0), count(*) INTO total, lines FROM payment.journal_line WHERE entry_id = NEW.entry_id;
  IF total <> 0 OR lines < 2 THEN
    RAISE EXCEPTION 'journal entry % does not balance (% lines, sum %)', NEW.entry_id, lines, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER journal_entry_must_balance AFTER INSERT OR UPDATE ON payment.journal_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payment.journal_entry_balances();
