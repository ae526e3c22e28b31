-- Reconciliation, applications' decisions and receipts (payments issue, "Reconciliation" and
-- "Ledger, receipts"). Nothing here is deleted: decisions are undone (undone_at), receipts voided.

-- Which school a collection account belongs to is payment.collection_account (with the invoicing tables):
-- a credit is booked to that school's ledger and only that school's invoices may be paid by it.

-- What was decided about one bank transaction, automatically or by an accountant. The ledger entries
-- it posted are listed so that undoing it reverses exactly those.
CREATE TABLE payment.recon_decision (
  id                   bigserial PRIMARY KEY,
  bank_transaction_id  bigint NOT NULL REFERENCES payment.bank_transaction (id),
  school_code          text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('applied', 'matched', 'not_fee', 'refund', 'reversal')),
  reason               text,
  reverses_transaction_id bigint REFERENCES payment.bank_transaction (id),
  entry_ids            bigint[] NOT NULL DEFAULT '{}',
  decided_at           timestamptz NOT NULL DEFAULT now(),
  decided_by           text NOT NULL,                  -- 'auto' or the staff subject (s:<id>)
  refund_paid_at       timestamptz,
  refund_paid_by       text,
  undone_at            timestamptz,
  undone_by            text,
  undo_reason          text
);
-- One standing decision per bank transaction: the guard that no credit is ever applied twice,
-- whichever worker or accountant gets there first.
CREATE UNIQUE INDEX recon_decision_one_standing ON payment.recon_decision (bank_transaction_id) WHERE undone_at IS NULL;
CREATE INDEX recon_decision_by_school ON payment.recon_decision (school_code, decided_at);

ALTER TABLE payment.application ADD COLUMN decision_id bigint REFERENCES payment.recon_decision (id);
CREATE INDEX application_by_decision ON payment.application (decision_id);

-- Why a credit waits for a person, and the ranked candidates (rank 1 = best).
CREATE TABLE payment.recon_queue_note (
  bank_transaction_id  bigint PRIMARY KEY REFERENCES payment.bank_transaction (id),
  school_code          text,
  reason               text NOT NULL,
  noted_at             timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payment.recon_suggestion (
  bank_transaction_id  bigint NOT NULL REFERENCES payment.bank_transaction (id),
  rank                 smallint NOT NULL,
  invoice_id           bigint NOT NULL REFERENCES payment.invoice (id),
  why                  text NOT NULL,
  PRIMARY KEY (bank_transaction_id, rank)
);

-- Receipt numbers: one counter row per (school, year), incremented in the transaction that applies the
-- payment, so a rolled-back payment takes its number back with it (a sequence would leave a gap).
CREATE TABLE payment.receipt_counter (
  school_code  text NOT NULL,
  year         integer NOT NULL,
  last_number  integer NOT NULL,
  PRIMARY KEY (school_code, year)
);

CREATE TABLE payment.receipt (
  id              bigserial PRIMARY KEY,
  school_code     text NOT NULL,
  series          text NOT NULL,                 -- 'BL/2026'
  number          integer NOT NULL,
  invoice_id      bigint REFERENCES payment.invoice (id),
  application_id  bigint NOT NULL UNIQUE REFERENCES payment.application (id),
  student_id      text NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0),
  payer_name      text,
  issued_at       timestamptz NOT NULL DEFAULT now(),
  verify_code     text NOT NULL UNIQUE,
  voided_at       timestamptz,
  void_reason     text,
  UNIQUE (school_code, series, number)
);
CREATE INDEX receipt_by_invoice ON payment.receipt (invoice_id);
