-- Phone sign-in: a customer asks for a six-digit code by text message and
-- signs in with it. Codes are stored as SHA-256, live five minutes and allow
-- five tries; a used or spent code never works again.
CREATE TABLE otp_codes (
    id           uuid PRIMARY KEY,
    -- E.164, as the customers table stores phones.
    phone        text NOT NULL,
    code_hash    bytea NOT NULL,
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_codes_phone_idx ON otp_codes (phone, created_at DESC);

-- A customer who signs in by phone: the proven number opens the record,
-- as a verified email does for a password account (customer_accounts).
CREATE TABLE customer_phone_logins (
    customer_id  uuid PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    phone        text NOT NULL UNIQUE,
    verified_at  timestamptz NOT NULL DEFAULT now()
);
