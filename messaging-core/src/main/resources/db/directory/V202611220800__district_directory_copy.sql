-- Our copy of the district directory (see DESIGN.md "The district database"). Rows are never deleted:
-- a row that vanished upstream gets removed_at; a student who left keeps status and history.
-- No foreign keys: the upstream has none either, and a copy must accept what the district holds;
-- `./lienlac district report` lists what does not fit together.

CREATE TABLE school (
  code                   text PRIMARY KEY,
  name                   text NOT NULL,
  level                  text NOT NULL CHECK (level IN ('MN', 'TH', 'THCS', 'THPT', 'LC')),
  education_office_code  text,
  address                text,
  upstream_updated_at    timestamptz NOT NULL,
  removed_at             timestamptz,
  synced_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE school_class (
  code                   text PRIMARY KEY,
  school_code            text NOT NULL,
  name                   text NOT NULL,
  grade                  smallint NOT NULL CHECK (grade BETWEEN 0 AND 12),
  school_year            text NOT NULL,
  homeroom_teacher_code  text,
  upstream_updated_at    timestamptz NOT NULL,
  removed_at             timestamptz,
  synced_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX school_class_by_school ON school_class (school_code, grade);
CREATE INDEX school_class_by_homeroom_teacher ON school_class (homeroom_teacher_code);

CREATE TABLE student (
  national_id          text PRIMARY KEY,
  full_name            text NOT NULL,
  birth_date           date,
  gender               text CHECK (gender IN ('male', 'female')),
  class_code           text,
  status               text NOT NULL CHECK (status IN ('studying', 'transferred', 'dropped_out', 'graduated')),
  upstream_updated_at  timestamptz NOT NULL,
  removed_at           timestamptz,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  active               boolean GENERATED ALWAYS AS (status = 'studying' AND removed_at IS NULL) STORED
);
CREATE INDEX student_by_class ON student (class_code) WHERE active;

CREATE TABLE guardian (
  id                   bigint PRIMARY KEY,
  full_name            text NOT NULL,
  phone_as_typed       text,
  phone_e164           text,
  phone_problem        text,
  email                text,
  language             text NOT NULL DEFAULT 'vi',
  upstream_updated_at  timestamptz NOT NULL,
  removed_at           timestamptz,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone_e164 IS NULL) <> (phone_problem IS NULL))
);
CREATE INDEX guardian_by_phone ON guardian (phone_e164) WHERE removed_at IS NULL;
CREATE INDEX guardian_with_phone_problem ON guardian (phone_problem) WHERE phone_problem IS NOT NULL;

CREATE TABLE guardian_student (
  student_id           text NOT NULL,
  guardian_id          bigint NOT NULL,
  relationship         text NOT NULL CHECK (relationship IN ('father', 'mother', 'guardian', 'other')),
  primary_contact      boolean NOT NULL,
  upstream_updated_at  timestamptz NOT NULL,
  removed_at           timestamptz,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (student_id, guardian_id)
);
CREATE INDEX guardian_student_by_guardian ON guardian_student (guardian_id);

CREATE TABLE teacher (
  code                 text PRIMARY KEY,
  full_name            text NOT NULL,
  phone_as_typed       text,
  phone_e164           text,
  phone_problem        text,
  email                text,
  school_code          text NOT NULL,
  upstream_updated_at  timestamptz NOT NULL,
  removed_at           timestamptz,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone_e164 IS NULL) <> (phone_problem IS NULL))
);
CREATE INDEX teacher_by_school ON teacher (school_code);

CREATE TABLE teaching_assignment (
  teacher_code         text NOT NULL,
  class_code           text NOT NULL,
  subject              text NOT NULL,
  school_year          text,
  upstream_updated_at  timestamptz NOT NULL,
  removed_at           timestamptz,
  synced_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (teacher_code, class_code, subject)
);
CREATE INDEX teaching_assignment_by_class ON teaching_assignment (class_code);

-- Where each upstream table's copy stands. The incremental position only moves forward; a full pass
-- has its own position so that it can resume after a crash, and its own record of keys seen.
CREATE TABLE sync_position (
  source_table               text PRIMARY KEY,
  changed_since              timestamptz,
  changed_since_key          text[],
  full_pass_started_at       timestamptz,
  full_pass_tracks_keys      boolean,
  full_pass_at               timestamptz,
  full_pass_at_key           text[],
  last_full_pass_at          timestamptz
);

-- Keys seen upstream during the current full pass; what is absent at its end was deleted upstream.
CREATE UNLOGGED TABLE sync_seen_key (
  source_table  text NOT NULL,
  source_key    text NOT NULL,
  PRIMARY KEY (source_table, source_key)
);

-- Upstream rows skipped because they cannot be used, with the reason, until they are fixed.
CREATE TABLE sync_rejection (
  source_table   text NOT NULL,
  source_key     text NOT NULL,
  reason         text NOT NULL,
  detail         text,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_table, source_key)
);

CREATE TABLE sync_run (
  id           bigserial PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  requested    text NOT NULL,
  outcome      text,
  summary      jsonb
);
