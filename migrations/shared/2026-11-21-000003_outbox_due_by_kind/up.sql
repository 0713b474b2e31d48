-- Each worker claims jobs of its own kinds. Indexing by kind keeps a claim
-- from walking past every due job of the other kinds (thousands when a mail
-- relay is down), and leaving out given-up jobs keeps them from piling up.
DROP INDEX outbox_due_idx;
CREATE INDEX outbox_due_idx ON outbox (kind, run_at) WHERE sent_at IS NULL AND attempts < 10;
