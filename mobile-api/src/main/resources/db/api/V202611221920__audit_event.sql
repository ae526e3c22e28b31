-- The audit trail: every staff action that changes data, written in the transaction of the change
-- (vn.lienlac.api.audit.AuditLog). Append-only: nothing updates or deletes these rows.
-- school_code is the school the change concerns; district_code is that school's education office
-- (or the actor's district for district-level changes), so principals list their school's events and
-- district officers their district's, each through one index read newest first.
CREATE TABLE audit_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor_subject  text NOT NULL,
  actor_role     text NOT NULL,
  school_code    text,
  district_code  text,
  action         text NOT NULL,
  resource_type  text NOT NULL,
  resource_id    text,
  before         jsonb,
  after          jsonb,
  ip             inet,
  request_id     text
);
CREATE INDEX audit_event_by_school ON audit_event (school_code, at DESC, id DESC) WHERE school_code IS NOT NULL;
CREATE INDEX audit_event_by_district ON audit_event (district_code, at DESC, id DESC) WHERE district_code IS NOT NULL;
