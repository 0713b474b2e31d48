-- Clinics: patients and the access audit of their records. Notes, plans,
-- documents, invoices and sync add their own migrations after this one.
-- Runs with search_path set to the tenant's schema: names stay unqualified.

-- Patient codes (PAT000001, ...) come from this sequence: never reused.
-- It is only drawn once a creation has passed every check, so creations
-- that succeed take consecutive numbers.
CREATE SEQUENCE patient_code_seq;

CREATE TABLE patients (
    id             uuid PRIMARY KEY,
    code           text NOT NULL UNIQUE
                   DEFAULT 'PAT' || lpad(nextval('patient_code_seq')::text, 6, '0'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    date_of_birth  date,
    sex            text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    phone          text,
    email          text,
    address        text,
    complaint      text,
    diagnosis      text,
    group_name     text CHECK (length(group_name) BETWEEN 1 AND 80),
    favourite      boolean NOT NULL DEFAULT false,
    -- {"sms": {"given": true, "at": "..."}, "email": {...}, "voice": {...}}:
    -- each consent keeps the time it was given or withdrawn.
    consents       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(consents) = 'object'),
    -- The customer record (and account) this patient is, when there is one.
    customer_id    uuid REFERENCES customers (id) ON DELETE SET NULL,
    archived_at    timestamptz,
    -- Rises with every change: offline clients send the version they
    -- changed, and a change made against an older one is a conflict.
    version        bigint NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
-- Search by a misspelt name, by code or by phone.
CREATE INDEX patients_name_trgm_idx ON patients USING gin (lower(name) gin_trgm_ops);
CREATE INDEX patients_phone_idx ON patients (phone) WHERE phone IS NOT NULL;
CREATE INDEX patients_list_idx ON patients (lower(name), id) WHERE archived_at IS NULL;
CREATE INDEX patients_group_idx ON patients (group_name) WHERE group_name IS NOT NULL;
CREATE UNIQUE INDEX patients_customer_idx ON patients (customer_id) WHERE customer_id IS NOT NULL;

-- Who read or changed a patient's record: one row per request that reached
-- the record (failed ones included), written in that request's transaction.
-- Rows are only ever added.
CREATE TABLE patient_access_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id   uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    -- A public.users id (staff) or a customers id (the patient themself).
    actor_id     uuid NOT NULL,
    actor_role   text NOT NULL,
    -- What the request did: read_chart, update_patient, sign_note, ...
    action       text NOT NULL CHECK (action ~ '^[a-z][a-z_]{0,39}$'),
    -- Whether the request went on to succeed.
    succeeded    boolean NOT NULL,
    -- The client's address as the proxy rules read it.
    ip           text CHECK (length(ip) <= 45),
    request_id   text CHECK (length(request_id) <= 64),
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_access_log_patient_idx ON patient_access_log (patient_id, at DESC, id DESC);

CREATE FUNCTION patient_access_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER patient_access_log_append_only
    BEFORE UPDATE ON patient_access_log
    FOR EACH ROW EXECUTE FUNCTION patient_access_log_append_only();

-- A clinic's appointment is a booking tied to a patient. A patient who has
-- arrived (checked in at the desk) still holds the time; the same patient
-- cannot hold two appointments at overlapping times.
ALTER TABLE bookings ADD COLUMN patient_id uuid REFERENCES patients (id) ON DELETE SET NULL;
ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (
    status IN ('awaiting_confirmation', 'pending', 'confirmed', 'arrived', 'cancelled', 'completed', 'no_show')
);
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    staff_id WITH =, blocked WITH &&
) WHERE (status IN ('pending', 'confirmed', 'arrived'));
ALTER TABLE bookings ADD CONSTRAINT bookings_patient_no_overlap EXCLUDE USING gist (
    patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&
) WHERE (patient_id IS NOT NULL AND status IN ('pending', 'confirmed', 'arrived'));
CREATE INDEX bookings_patient_idx ON bookings (patient_id, starts_at) WHERE patient_id IS NOT NULL;
