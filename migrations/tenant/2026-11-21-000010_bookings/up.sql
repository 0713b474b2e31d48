-- Bookings: settings, services, staff, availability and appointments.

-- One row: the tenant's booking rules. Times are interpreted in time_zone.
CREATE TABLE booking_settings (
    id                          boolean PRIMARY KEY DEFAULT true CHECK (id),
    time_zone                   text NOT NULL DEFAULT 'UTC',
    slot_interval_minutes       integer NOT NULL DEFAULT 30 CHECK (slot_interval_minutes BETWEEN 5 AND 240),
    min_notice_minutes          integer NOT NULL DEFAULT 60 CHECK (min_notice_minutes >= 0),
    booking_window_days         integer NOT NULL DEFAULT 60 CHECK (booking_window_days BETWEEN 1 AND 730),
    cancellation_notice_minutes integer NOT NULL DEFAULT 1440 CHECK (cancellation_notice_minutes >= 0),
    reminder_lead_minutes       integer NOT NULL DEFAULT 1440 CHECK (reminder_lead_minutes >= 0),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO booking_settings DEFAULT VALUES;

CREATE TABLE service_categories (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    position    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE services (
    id                    uuid PRIMARY KEY,
    name                  text NOT NULL,
    description           text,
    duration_minutes      integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
    price_cents           bigint NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency              text NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 480),
    buffer_after_minutes  integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 480),
    category_id           uuid REFERENCES service_categories (id) ON DELETE SET NULL,
    metadata              jsonb NOT NULL DEFAULT '{}'::jsonb,
    active                boolean NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    deleted_at            timestamptz
);
CREATE INDEX services_list_idx ON services (name, id) WHERE deleted_at IS NULL;

CREATE TABLE staff (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    email       text,
    phone       text,
    -- Plain uuid of a public.users row, when the staff member signs in.
    user_id     uuid,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE TABLE staff_services (
    staff_id    uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    service_id  uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (staff_id, service_id)
);
CREATE INDEX staff_services_service_idx ON staff_services (service_id);

-- Weekly hours in the tenant's time zone; several ranges a day make breaks.
CREATE TABLE availability_rules (
    id          uuid PRIMARY KEY,
    staff_id    uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_time  time NOT NULL,
    end_time    time NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX availability_rules_staff_idx ON availability_rules (staff_id);

-- Other hours on one date (rows with times), or closed (one row without).
CREATE TABLE availability_overrides (
    id          uuid PRIMARY KEY,
    staff_id    uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    date        date NOT NULL,
    start_time  time,
    end_time    time,
    CHECK ((start_time IS NULL AND end_time IS NULL) OR end_time > start_time)
);
CREATE INDEX availability_overrides_staff_idx ON availability_overrides (staff_id, date);

CREATE TABLE time_off (
    id          uuid PRIMARY KEY,
    staff_id    uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX time_off_staff_idx ON time_off (staff_id, starts_at);

CREATE TABLE bookings (
    id                 uuid PRIMARY KEY,
    service_id         uuid NOT NULL REFERENCES services (id),
    staff_id           uuid NOT NULL REFERENCES staff (id),
    customer_id        uuid NOT NULL REFERENCES customers (id),
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    -- The time the booking holds: the appointment plus both buffers.
    blocked            tstzrange NOT NULL,
    status             text NOT NULL DEFAULT 'confirmed'
                       CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')),
    notes              text,
    manage_token_hash  bytea NOT NULL UNIQUE,
    -- iCalendar SEQUENCE: rises with every reschedule or cancellation.
    sequence           integer NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    -- No two bookings that still hold time may overlap for one staff member.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        staff_id WITH =, blocked WITH &&
    ) WHERE (status IN ('pending', 'confirmed'))
);
CREATE INDEX bookings_calendar_idx ON bookings (starts_at, staff_id);
CREATE INDEX bookings_customer_idx ON bookings (customer_id);

CREATE TABLE booking_history (
    id          bigserial PRIMARY KEY,
    booking_id  uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    actor       text NOT NULL,
    from_status text,
    to_status   text NOT NULL,
    reason      text,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_history_booking_idx ON booking_history (booking_id, id);

-- A retried POST with the same Idempotency-Key gets the first answer back.
CREATE TABLE idempotency_keys (
    key          text PRIMARY KEY,
    fingerprint  text NOT NULL,
    status_code  integer NOT NULL,
    body         jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_endpoints (
    id          uuid PRIMARY KEY,
    url         text NOT NULL,
    secret      text NOT NULL,
    events      text[] NOT NULL DEFAULT '{}',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
