-- Bank transaction intake: which school a collection account belongs to, the pull clients' cursors,
-- and on every bank transaction the school its account resolved to when it was recorded.

-- A school's collection account (the account its VietQR codes pay into). Transactions for accounts
-- not listed here are still stored (money arrived somewhere we watch) with school_code null: flagged.
-- payment.collection_account (which school an account belongs to) is created with the invoicing tables.

-- Where a pull client (BankFeed) stopped: the id of the last transaction it recorded, per feed and account.
CREATE TABLE payment.bank_feed_cursor (
  feed            text NOT NULL,
  account_number  text NOT NULL,
  last_id         text,
  polled_at       timestamptz,
  PRIMARY KEY (feed, account_number)
);

-- null: the account is not a known collection account (flagged for a person; never applied automatically).
ALTER TABLE payment.bank_transaction ADD COLUMN school_code text;
CREATE INDEX bank_transaction_unknown_account ON payment.bank_transaction (received_at) WHERE school_code IS NULL;
