-- The api schema belongs to mobile-api: accounts and sign-in sessions, devices, idempotency records,
-- the audit trail and realtime events. Each capability adds its tables in its own migration.
COMMENT ON SCHEMA api IS 'Liên Lạc mobile-api: sign-in, devices, idempotency, audit, realtime';
