-- A worker leases the jobs it takes instead of holding their rows locked
-- while it delivers: `lease` names the claim, and run_at moves to when the
-- lease ends, so a job whose worker crashed is due again then. Settling a
-- job (sent, retry later, given up) clears its lease; a worker whose lease
-- was taken over settles nothing.
ALTER TABLE outbox ADD COLUMN lease uuid;

-- The jobs in flight, counted per tenant at every claim (the per-tenant cap).
CREATE INDEX outbox_leased_idx ON outbox (kind, tenant_id)
    WHERE lease IS NOT NULL AND sent_at IS NULL;
