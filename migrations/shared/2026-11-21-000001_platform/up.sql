-- Public schema: what is shared across tenants.

CREATE TABLE plans (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    price_cents bigint NOT NULL DEFAULT 0,
    currency    text NOT NULL DEFAULT 'EUR',
    limits      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO plans (code, name, price_cents, limits) VALUES
    ('free', 'Free', 0, '{"staff": 1, "customers": 200}'),
    ('standard', 'Standard', 2900, '{"staff": 10, "customers": 10000}'),
    ('premium', 'Premium', 9900, '{}');

CREATE TABLE tenants (
    id                 uuid PRIMARY KEY,
    slug               text NOT NULL UNIQUE,
    schema_name        text NOT NULL UNIQUE,
    name               text NOT NULL,
    status             text NOT NULL DEFAULT 'provisioning'
                       CHECK (status IN ('provisioning', 'active', 'suspended', 'deleted')),
    plan_code          text NOT NULL DEFAULT 'free' REFERENCES plans (code),
    -- Version of the last tenant migration applied to this tenant's schema, so
    -- that "anything pending?" over every tenant is one query.
    schema_version     text NOT NULL DEFAULT '',
    migration_error    text,
    migration_failed_version text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    deleted_at         timestamptz
);
CREATE INDEX tenants_schema_version_idx ON tenants (schema_version);

CREATE TABLE domains (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    host        text NOT NULL UNIQUE CHECK (host = lower(host)),
    is_primary  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domains_tenant_idx ON domains (tenant_id);
CREATE UNIQUE INDEX domains_one_primary_idx ON domains (tenant_id) WHERE is_primary;

CREATE TABLE subscriptions (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    plan_code          text NOT NULL REFERENCES plans (code),
    status             text NOT NULL DEFAULT 'active'
                       CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
    current_period_end timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                 uuid PRIMARY KEY,
    -- Stored lower-cased; the unique index makes the email case-insensitively unique.
    email              text NOT NULL CHECK (email = lower(email)),
    password_hash      text NOT NULL,
    name               text NOT NULL,
    email_verified_at  timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (email);

CREATE TABLE memberships (
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'customer')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, tenant_id)
);
CREATE INDEX memberships_tenant_idx ON memberships (tenant_id);

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    family_id   uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    -- Set when the token was exchanged for a new one; presenting it again is reuse.
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Single-use tokens mailed to a person: password reset, email verification.
CREATE TABLE action_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    purpose     text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox: a job is written in the same transaction as the change
-- that asks for it, and a worker delivers it at least once.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid,
    kind        text NOT NULL,
    payload     jsonb NOT NULL,
    attempts    integer NOT NULL DEFAULT 0,
    run_at      timestamptz NOT NULL DEFAULT now(),
    last_error  text,
    sent_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due_idx ON outbox (run_at) WHERE sent_at IS NULL;

CREATE TABLE operator_audit (
    id          bigserial PRIMARY KEY,
    actor       text NOT NULL,
    action      text NOT NULL,
    tenant_id   uuid,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Running servers cache host -> tenant; they LISTEN on this channel and drop
-- the cache when a tenant or a domain changes. NOTIFY is delivered on commit.
CREATE FUNCTION notify_tenancy_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('tenancy_changed', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tenants_changed AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
CREATE TRIGGER domains_changed AFTER INSERT OR UPDATE OR DELETE ON domains
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
