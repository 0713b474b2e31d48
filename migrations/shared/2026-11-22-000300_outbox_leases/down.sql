DROP INDEX outbox_leased_idx;
ALTER TABLE outbox DROP COLUMN lease;
