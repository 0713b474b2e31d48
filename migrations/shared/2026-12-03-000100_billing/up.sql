-- Billing: plans with an interval, a trial, limits and features; one
-- subscription per tenant; the payment provider's events, each kept once;
-- the platform's invoices to its tenants, numbered per year without gaps.

ALTER TABLE plans
    ADD COLUMN billing_interval text NOT NULL DEFAULT 'month'
        CHECK (billing_interval IN ('month', 'year')),
    ADD COLUMN trial_days integer NOT NULL DEFAULT 0
        CHECK (trial_days BETWEEN 0 AND 3650),
    -- Feature names the plan includes (documents, sms, custom_domain,
    -- webhooks, online_payments, reports); `limits` holds the numeric caps
    -- (staff, services, customers, patients, products, storage_mb), a name
    -- absent from it being unlimited.
    ADD COLUMN features text[] NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT plans_price_not_negative CHECK (price_cents >= 0),
    ADD CONSTRAINT plans_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT plans_limits_object CHECK (jsonb_typeof(limits) = 'object');

INSERT INTO plans (code, name, price_cents, currency, billing_interval, trial_days, limits, features) VALUES
    ('basic', 'Basic', 1900, 'EUR', 'month', 90,
     '{"staff": 3, "services": 20, "customers": 500, "patients": 200, "products": 100, "storage_mb": 500}',
     '{custom_domain,online_payments}'),
    ('pro', 'Pro', 4900, 'EUR', 'month', 14,
     '{"staff": 25, "storage_mb": 20480}',
     '{documents,sms,custom_domain,webhooks,online_payments,reports}');

-- The first plans become the two above.
UPDATE tenants SET plan_code = CASE plan_code WHEN 'free' THEN 'basic' ELSE 'pro' END
    WHERE plan_code IN ('free', 'standard', 'premium');
DROP TABLE subscriptions;
DELETE FROM plans WHERE code IN ('free', 'standard', 'premium');
ALTER TABLE tenants ALTER COLUMN plan_code SET DEFAULT 'basic';

-- The tenant's plan is tenants.plan_code; this is where it stands with it.
CREATE TABLE subscriptions (
    tenant_id            uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    status               text NOT NULL
                         CHECK (status IN ('trialing', 'active', 'past_due', 'canceled')),
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    trial_ends_at        timestamptz,
    -- Set when a payment failed; writes stop once the grace period after it
    -- has passed, and paying clears it.
    past_due_since       timestamptz,
    -- The provider ended it: the tenant is suspended when the period ends.
    canceled_at          timestamptz,
    provider_customer_id text,
    -- The provider's `created` time of the last event applied: an older
    -- event arriving late changes nothing.
    last_event_at        timestamptz,
    -- Days before the trial's end (7, 1) whose reminder was queued already.
    trial_reminders_sent integer[] NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (current_period_end > current_period_start)
);
CREATE INDEX subscriptions_status_idx ON subscriptions (status);

INSERT INTO subscriptions (tenant_id, status, current_period_start, current_period_end)
    SELECT id, 'active', now(), now() + interval '1 month' FROM tenants;

-- A subscription's change changes what the tenant's requests may do:
-- servers drop their host cache, as for a tenant's own change.
CREATE TRIGGER subscriptions_changed AFTER INSERT OR UPDATE OR DELETE ON subscriptions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();

-- Every provider event is kept once by its id: a replay finds it here.
CREATE TABLE payment_events (
    id           text PRIMARY KEY,
    type         text NOT NULL,
    tenant_id    uuid REFERENCES tenants (id) ON DELETE SET NULL,
    created      timestamptz NOT NULL,
    payload      jsonb NOT NULL,
    -- What applying it did: applied, stale (older than the last applied),
    -- ignored (a type or tenant this platform does not act on).
    outcome      text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- Invoice numbers: one counter row per year, locked while numbering, so
-- numbers are consecutive and a rolled-back transaction leaves no gap.
CREATE TABLE invoice_counters (
    year        integer PRIMARY KEY,
    last_number integer NOT NULL
);

CREATE TABLE invoices (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number              text NOT NULL UNIQUE,
    -- The provider's invoice: paying the same one twice makes one invoice.
    provider_invoice_id text UNIQUE,
    plan_code           text NOT NULL,
    -- What the invoice shows of its buyer, as it was when issued.
    billed_to           text NOT NULL,
    period_start        timestamptz NOT NULL,
    period_end          timestamptz NOT NULL,
    currency            text NOT NULL,
    lines               jsonb NOT NULL,
    subtotal_cents      bigint NOT NULL,
    -- Tax rate in basis points (2000 = 20 %).
    tax_rate_bp         integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    tax_cents           bigint NOT NULL,
    total_cents         bigint NOT NULL,
    issued_at           timestamptz NOT NULL DEFAULT now(),
    paid_at             timestamptz,
    CHECK (total_cents = subtotal_cents + tax_cents)
);
CREATE INDEX invoices_tenant_idx ON invoices (tenant_id, issued_at DESC);
