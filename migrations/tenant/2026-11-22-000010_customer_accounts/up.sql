-- A business's customer accounts belong to the business. The sign-in name,
-- password and mailed links live here, in the tenant's schema, beside the
-- customer record they open; platform accounts (public.users) are for the
-- people who work for tenants.
--
-- The sign-in email is the account's own: staff editing the record's
-- contact email cannot redirect where sign-in and reset mails go.
CREATE TABLE customer_accounts (
    customer_id    uuid PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    email          text NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash  text NOT NULL,
    -- An account exists only once its address answered the sign-up mail.
    verified_at    timestamptz NOT NULL DEFAULT now(),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Single-use links mailed to a person, stored as SHA-256. A sign-up waits
-- here (name and password hash included) until its link proves the address;
-- only then is a customer record made or claimed, so unproven sign-ups
-- neither fill the customer list nor reach anyone's bookings.
CREATE TABLE customer_tokens (
    id             uuid PRIMARY KEY,
    purpose        text NOT NULL CHECK (purpose IN ('signup', 'password_reset')),
    email          text NOT NULL CHECK (email = lower(email)),
    name           text,
    password_hash  text,
    marketing_consent boolean NOT NULL DEFAULT false,
    customer_id    uuid REFERENCES customers (id) ON DELETE CASCADE,
    token_hash     bytea NOT NULL UNIQUE,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (purpose <> 'signup' OR (name IS NOT NULL AND password_hash IS NOT NULL)),
    CHECK (purpose <> 'password_reset' OR customer_id IS NOT NULL)
);
CREATE INDEX customer_tokens_open_idx ON customer_tokens (email, purpose) WHERE used_at IS NULL;

-- Accounts from before: a customer linked to a platform account whose
-- address was verified keeps signing in with the same password.
INSERT INTO customer_accounts (customer_id, email, password_hash, verified_at)
SELECT c.id, u.email, u.password_hash, u.email_verified_at
FROM customers c
JOIN public.users u ON u.id = c.user_id
WHERE c.deleted_at IS NULL AND u.email_verified_at IS NOT NULL;

DROP INDEX customers_user_idx;
ALTER TABLE customers DROP COLUMN user_id;
