DROP INDEX outbox_due_idx;
CREATE INDEX outbox_due_idx ON outbox (run_at) WHERE sent_at IS NULL;
