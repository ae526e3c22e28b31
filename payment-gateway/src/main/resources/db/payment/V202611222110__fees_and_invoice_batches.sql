-- Fees and invoice issuance (payment-gateway README "Fees and invoices"). Money is whole đồng in bigint.

-- What a school charges in a school year. An item that an issued invoice uses is never changed: the
-- accountant retires it and creates a new one (see FeeItems), so every invoice line keeps the terms it was issued under.
CREATE TABLE payment.fee_item (
  id            bigserial PRIMARY KEY,
  school_code   text NOT NULL,
  school_year   text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  amount        bigint NOT NULL CHECK (amount > 0),
  unit          text NOT NULL CHECK (unit IN ('per_month', 'per_term', 'per_year', 'one_off')),
  grades        integer[] NOT NULL DEFAULT '{}',    -- empty: every grade
  class_codes   text[] NOT NULL DEFAULT '{}',       -- empty: every class of those grades
  mandatory     boolean NOT NULL,
  legal_basis   text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
  due_day       smallint NOT NULL CHECK (due_day BETWEEN 1 AND 28),  -- day of the billed month
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  retired_at    timestamptz
);
CREATE INDEX fee_item_by_school ON payment.fee_item (school_code, school_year, id);

-- Voluntary items are billed only to students whose family signed up.
CREATE TABLE payment.fee_opt_in (
  fee_item_id   bigint NOT NULL REFERENCES payment.fee_item (id),
  student_id    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fee_item_id, student_id)
);

-- A reduction for one student: a percentage or a fixed amount off one item (or every item when
-- fee_item_id is null), backed by a document, for the months from valid_from to valid_to.
CREATE TABLE payment.exemption (
  id            bigserial PRIMARY KEY,
  school_code   text NOT NULL,
  student_id    text NOT NULL,
  fee_item_id   bigint REFERENCES payment.fee_item (id),
  percent       smallint CHECK (percent BETWEEN 1 AND 100),
  amount        bigint CHECK (amount > 0),
  document_ref  text NOT NULL CHECK (length(document_ref) BETWEEN 1 AND 300),
  valid_from    date NOT NULL,
  valid_to      date NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  CHECK ((percent IS NULL) <> (amount IS NULL)),
  CHECK (valid_from <= valid_to)
);
CREATE INDEX exemption_by_student ON payment.exemption (student_id) WHERE revoked_at IS NULL;
CREATE INDEX exemption_by_school ON payment.exemption (school_code, id);

-- One issue of invoices for a period. (school_code, batch_key) makes issuing idempotent; request_hash
-- tells a replay from a different request reusing the key.
CREATE TABLE payment.invoice_batch (
  id             bigserial PRIMARY KEY,
  school_code    text NOT NULL,
  batch_key      text NOT NULL,
  request_hash   text NOT NULL,
  period_label   text NOT NULL,
  period_month   date NOT NULL,
  fee_item_ids   bigint[] NOT NULL,
  class_codes    text[] NOT NULL DEFAULT '{}',
  grades         integer[] NOT NULL DEFAULT '{}',
  invoice_count  integer NOT NULL,
  total_amount   bigint NOT NULL,
  credit_used    bigint NOT NULL DEFAULT 0,
  issued_at      timestamptz NOT NULL DEFAULT now(),
  issued_by      text NOT NULL,
  UNIQUE (school_code, batch_key)
);

ALTER TABLE payment.invoice ADD CONSTRAINT invoice_batch_fk FOREIGN KEY (batch_id) REFERENCES payment.invoice_batch (id);
ALTER TABLE payment.invoice ADD CONSTRAINT invoice_once_per_batch UNIQUE (batch_id, student_id);
ALTER TABLE payment.invoice ADD COLUMN credited bigint NOT NULL DEFAULT 0 CHECK (credited >= 0);  -- sum of credit notes
ALTER TABLE payment.invoice ADD COLUMN class_code text;   -- the student's class when issued (reports by class)
CREATE INDEX invoice_by_school ON payment.invoice (school_code, id);
CREATE INDEX invoice_by_batch ON payment.invoice (batch_id, id);

-- The items of an invoice as issued: the item's amount, the exemption taken off, what is owed.
CREATE TABLE payment.invoice_line (
  invoice_id    bigint NOT NULL REFERENCES payment.invoice (id),
  line_no       smallint NOT NULL,
  fee_item_id   bigint NOT NULL REFERENCES payment.fee_item (id),
  description   text NOT NULL,
  base_amount   bigint NOT NULL CHECK (base_amount > 0),
  exemption_id  bigint REFERENCES payment.exemption (id),
  discount      bigint NOT NULL DEFAULT 0 CHECK (discount >= 0),
  amount        bigint NOT NULL CHECK (amount >= 0),
  due_date      date NOT NULL,
  PRIMARY KEY (invoice_id, line_no),
  CHECK (amount = base_amount - discount)
);
CREATE INDEX invoice_line_by_fee_item ON payment.invoice_line (fee_item_id);

-- Siblings' invoices of one batch, payable by one transfer carrying the household reference.
CREATE TABLE payment.household (
  id            bigserial PRIMARY KEY,              -- the number inside the household reference
  batch_id      bigint NOT NULL REFERENCES payment.invoice_batch (id),
  reference     text NOT NULL UNIQUE,
  guardian_ids  bigint[] NOT NULL
);
CREATE INDEX household_by_batch ON payment.household (batch_id);

-- An adjustment that lowers what an invoice asks for; never an edit of the invoice itself.
CREATE TABLE payment.credit_note (
  id            bigserial PRIMARY KEY,
  invoice_id    bigint NOT NULL REFERENCES payment.invoice (id),
  amount        bigint NOT NULL CHECK (amount > 0),
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL
);
CREATE INDEX credit_note_by_invoice ON payment.credit_note (invoice_id);

-- The account each school collects into: its VietQR codes pay into it (invoicing), and bank transactions
-- on it belong to the school (intake, reconciliation). One account per school; an account number names
-- one school. The bank's details are set by the accountant and may be missing for an account that is
-- only known from bank data, so they are nullable here and required by the API that sets them.
CREATE TABLE payment.collection_account (
  school_code     text PRIMARY KEY,
  bin             text CHECK (bin ~ '^[0-9]{6}$'),
  account_number  text NOT NULL UNIQUE,
  bank_name       text,
  account_holder  text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT 'system'
);

-- Reminders sent, one per (invoice, kind, guardian): the job's memory of what it already did.
CREATE TABLE payment.invoice_reminder (
  invoice_id    bigint NOT NULL REFERENCES payment.invoice (id),
  kind          text NOT NULL CHECK (kind IN ('before_due', 'after_due')),
  guardian_id   bigint NOT NULL,
  notice_id     bigint,
  sent_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (invoice_id, kind, guardian_id)
);
