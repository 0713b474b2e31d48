-- Runs with search_path set to the tenant's schema: names stay unqualified.
CREATE TABLE customers (
    id                uuid PRIMARY KEY,
    -- Plain uuid of a public.users row (no cross-schema foreign key by design).
    user_id           uuid,
    name              text NOT NULL,
    email             text CHECK (email = lower(email)),
    phone             text,
    tags              text[] NOT NULL DEFAULT '{}',
    marketing_consent boolean NOT NULL DEFAULT false,
    consent_at        timestamptz,
    notes             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    erased_at         timestamptz
);
-- Cursor pagination walks (created_at, id) newest first.
CREATE INDEX customers_page_idx ON customers (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX customers_email_idx ON customers (email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX customers_user_idx ON customers (user_id) WHERE deleted_at IS NULL;
CREATE INDEX customers_tags_idx ON customers USING gin (tags);
