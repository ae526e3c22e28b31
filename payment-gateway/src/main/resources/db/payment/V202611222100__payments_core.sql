-- The core of payments shared by invoicing and reconciliation (DESIGN.md "payment-gateway").
-- Money is whole đồng in bigint. Nothing here is ever deleted: invoices are cancelled or adjusted by
-- credit notes, applications are undone by a reversing application, journal entries by reversing entries.

-- One invoice per student per batch, itemised in invoice_line (fee item amounts after exemptions).
CREATE TABLE payment.invoice (
  id              bigserial PRIMARY KEY,
  school_code     text NOT NULL,
  student_id      text NOT NULL,
  batch_id        bigint,                         -- the invoice batch that issued it
  period_label    text NOT NULL,                  -- e.g. 'Tháng 9/2026'
  reference       text NOT NULL UNIQUE,           -- payment reference with check character (PaymentReference)
  household_reference text,                       -- shared by a guardian's invoices of one batch, if any
  amount_due      bigint NOT NULL CHECK (amount_due >= 0),   -- total after exemptions and credit notes
  amount_paid     bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  due_date        date NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partially_paid', 'paid', 'cancelled')),
  issued_at       timestamptz NOT NULL DEFAULT now(),
  cancelled_at    timestamptz,
  cancel_reason   text,
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX invoice_by_student ON payment.invoice (student_id, due_date);
CREATE INDEX invoice_open_by_school ON payment.invoice (school_code, due_date) WHERE status IN ('open', 'partially_paid');
CREATE INDEX invoice_by_household ON payment.invoice (household_reference) WHERE household_reference IS NOT NULL;

-- Every credit or debit on a collection account, however it reached us (webhook, pull, statement),
-- exactly once per (account, bank transaction id).
CREATE TABLE payment.bank_transaction (
  id              bigserial PRIMARY KEY,
  account_number  text NOT NULL,
  bank_txn_id     text NOT NULL,
  source          text NOT NULL CHECK (source IN ('vietqr_vn', 'payos', 'sepay', 'sepay_api', 'statement', 'sandbox')),
  direction       text NOT NULL CHECK (direction IN ('C', 'D')),
  amount          bigint NOT NULL CHECK (amount > 0),
  memo            text,
  payer_name      text,
  payer_account   text,
  booked_at       timestamptz NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  seen_by         text[] NOT NULL DEFAULT '{}',   -- every source that reported it (webhook and statement)
  raw             jsonb,
  recon_state     text NOT NULL DEFAULT 'new'
                  CHECK (recon_state IN ('new', 'applied', 'suggested', 'unmatched', 'not_fee', 'refunded', 'reversed', 'ignored')),
  UNIQUE (account_number, bank_txn_id)
);
CREATE INDEX bank_transaction_unreconciled ON payment.bank_transaction (id) WHERE recon_state = 'new';
CREATE INDEX bank_transaction_queue ON payment.bank_transaction (booked_at) WHERE recon_state IN ('suggested', 'unmatched');

-- Money of one bank transaction applied to one invoice (or kept as the student's credit when
-- invoice_id is null and student_id is set). Undoing adds undone_at; amounts never change.
CREATE TABLE payment.application (
  id                   bigserial PRIMARY KEY,
  bank_transaction_id  bigint REFERENCES payment.bank_transaction (id),
  invoice_id           bigint REFERENCES payment.invoice (id),
  student_id           text NOT NULL,
  amount               bigint NOT NULL CHECK (amount > 0),
  kind                 text NOT NULL CHECK (kind IN ('payment', 'student_credit', 'credit_used')),
  applied_at           timestamptz NOT NULL DEFAULT now(),
  applied_by           text NOT NULL,               -- 'auto' or the staff subject (s:<id>)
  undone_at            timestamptz,
  undone_by            text,
  undo_reason          text
);
CREATE INDEX application_by_invoice ON payment.application (invoice_id) WHERE undone_at IS NULL;
CREATE INDEX application_by_transaction ON payment.application (bank_transaction_id);
