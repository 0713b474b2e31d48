DROP TABLE invoices;
DROP TABLE invoice_counters;
DROP TABLE payment_events;
DROP TABLE subscriptions;
INSERT INTO plans (code, name, price_cents, limits) VALUES
    ('free', 'Free', 0, '{"staff": 1, "customers": 200}'),
    ('standard', 'Standard', 2900, '{"staff": 10, "customers": 10000}'),
    ('premium', 'Premium', 9900, '{}');
UPDATE tenants SET plan_code = CASE plan_code WHEN 'basic' THEN 'free' ELSE 'premium' END;
DELETE FROM plans WHERE code IN ('basic', 'pro');
ALTER TABLE tenants ALTER COLUMN plan_code SET DEFAULT 'free';
CREATE TABLE subscriptions (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    plan_code          text NOT NULL REFERENCES plans (code),
    status             text NOT NULL DEFAULT 'active'
                       CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
    current_period_end timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE plans DROP COLUMN billing_interval, DROP COLUMN trial_days, DROP COLUMN features,
    DROP COLUMN updated_at, DROP CONSTRAINT plans_price_not_negative,
    DROP CONSTRAINT plans_currency_code, DROP CONSTRAINT plans_limits_object;
