-- A tenant may require a guest to confirm a booking from its email before
-- the booking holds its slot; the link works for email_confirmation_minutes.
--
-- The columns are added bare, then given their defaults and filled: in
-- PostgreSQL 15 `ADD COLUMN ... DEFAULT` reads the whole of pg_index, which
-- holds every tenant's indexes (1.3 million rows, 310 MB and a quarter of a
-- second at 10,000 tenants), and this runs for every tenant created.
ALTER TABLE booking_settings
    ADD COLUMN require_email_confirmation boolean,
    ADD COLUMN email_confirmation_minutes integer
        CHECK (email_confirmation_minutes BETWEEN 5 AND 1440);
ALTER TABLE booking_settings
    ALTER COLUMN require_email_confirmation SET DEFAULT false,
    ALTER COLUMN email_confirmation_minutes SET DEFAULT 30;
UPDATE booking_settings SET require_email_confirmation = false, email_confirmation_minutes = 30;
ALTER TABLE booking_settings
    ALTER COLUMN require_email_confirmation SET NOT NULL,
    ALTER COLUMN email_confirmation_minutes SET NOT NULL;

-- A request awaiting its confirmation holds no time: the exclusion
-- constraint and availability count only pending and confirmed bookings.
ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (
    status IN ('awaiting_confirmation', 'pending', 'confirmed', 'cancelled', 'completed', 'no_show')
);

-- The single-use link that confirms a request: only its hash is kept, with
-- when it stops working. The row goes once the link is used.
CREATE TABLE booking_confirmations (
    booking_id  uuid PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    -- The guest named no staff member: confirming may give the request to
    -- another one free at that time.
    any_staff   boolean NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_confirmations_expiry_idx ON booking_confirmations (expires_at);
