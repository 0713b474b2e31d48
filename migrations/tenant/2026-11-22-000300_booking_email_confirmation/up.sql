-- A tenant may require a guest to confirm a booking from its email before
-- the booking holds its slot; the link works for email_confirmation_minutes.
ALTER TABLE booking_settings
    ADD COLUMN require_email_confirmation boolean NOT NULL DEFAULT false,
    ADD COLUMN email_confirmation_minutes integer NOT NULL DEFAULT 30
        CHECK (email_confirmation_minutes BETWEEN 5 AND 1440);

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
