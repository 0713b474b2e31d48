-- Clinics: documents on a patient's record, and invoices to patients with
-- their lines, payments and the counter that numbers them without gaps.
-- Runs with search_path set to the tenant's schema: names stay unqualified.

-- A file kept on a patient's record. The bytes are in the file store under
-- storage_key (tenants/<tenant id>/documents/<id>); the row says what they
-- are, read from their content. A patient is archived, not deleted: a
-- delete that would leave files nobody names is refused.
CREATE TABLE patient_documents (
    id            uuid PRIMARY KEY,
    patient_id    uuid NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    content_type  text NOT NULL
                  CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key   text NOT NULL UNIQUE,
    -- The staff member (a public.users id) who uploaded it.
    uploaded_by   uuid NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_documents_patient_idx ON patient_documents (patient_id, created_at DESC, id);

-- The one row that hands out invoice numbers. Issuing locks it, so numbers
-- are taken one at a time and a rolled-back issue gives its number back:
-- INV-<year>-000001, 000002, ... without gaps, starting again each year.
CREATE TABLE clinic_invoice_counter (
    only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    year         integer NOT NULL DEFAULT 0,
    last_number  bigint NOT NULL DEFAULT 0 CHECK (last_number >= 0)
);
INSERT INTO clinic_invoice_counter DEFAULT VALUES;

CREATE TABLE clinic_invoices (
    id              uuid PRIMARY KEY,
    patient_id      uuid NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
    -- Drafts have none; issuing gives one, which never changes again.
    number          text UNIQUE CHECK (number ~ '^INV-[0-9]{4}-[0-9]{6,}$'),
    status          text NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'issued', 'paid', 'void')),
    currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Basis points: 2000 is 20 %.
    tax_rate_bp     integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    subtotal_cents  bigint NOT NULL CHECK (subtotal_cents >= 0),
    tax_cents       bigint NOT NULL CHECK (tax_cents >= 0),
    total_cents     bigint NOT NULL CHECK (total_cents = subtotal_cents + tax_cents),
    paid_cents      bigint NOT NULL DEFAULT 0 CHECK (paid_cents BETWEEN 0 AND total_cents),
    note            text CHECK (length(note) <= 2000),
    created_by      uuid NOT NULL,
    issued_at       timestamptz,
    paid_at         timestamptz,
    voided_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK ((status = 'draft') = (issued_at IS NULL)),
    CHECK ((status = 'paid') = (paid_at IS NOT NULL) OR status = 'void'),
    CHECK ((status = 'void') = (voided_at IS NOT NULL))
);
CREATE INDEX clinic_invoices_patient_idx ON clinic_invoices (patient_id, created_at DESC, id);

-- A number once given stays, whatever the code does later.
CREATE FUNCTION clinic_invoices_number_stays() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.number IS NOT NULL AND NEW.number IS DISTINCT FROM OLD.number THEN
        RAISE EXCEPTION 'an issued invoice keeps its number' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER clinic_invoices_number_stays
    BEFORE UPDATE ON clinic_invoices
    FOR EACH ROW EXECUTE FUNCTION clinic_invoices_number_stays();

CREATE TABLE clinic_invoice_lines (
    invoice_id        uuid NOT NULL REFERENCES clinic_invoices (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    quantity          integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price_cents  bigint NOT NULL CHECK (unit_price_cents >= 0),
    line_total_cents  bigint NOT NULL CHECK (line_total_cents = quantity * unit_price_cents),
    -- The visit or service billed, when the line is one.
    booking_id        uuid REFERENCES bookings (id) ON DELETE SET NULL,
    service_id        uuid REFERENCES services (id) ON DELETE SET NULL,
    PRIMARY KEY (invoice_id, position)
);

-- Payments recorded by hand at the desk. Rows are only ever added.
CREATE TABLE clinic_invoice_payments (
    id            uuid PRIMARY KEY,
    invoice_id    uuid NOT NULL REFERENCES clinic_invoices (id) ON DELETE RESTRICT,
    amount_cents  bigint NOT NULL CHECK (amount_cents > 0),
    method        text NOT NULL CHECK (method IN ('cash', 'card', 'transfer')),
    note          text CHECK (length(note) <= 500),
    recorded_by   uuid NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clinic_invoice_payments_invoice_idx ON clinic_invoice_payments (invoice_id, recorded_at);
