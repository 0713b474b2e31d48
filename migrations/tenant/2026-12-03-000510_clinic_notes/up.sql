-- Clinics: clinical notes (signed notes are final; corrections are
-- amendments) and treatment plans. Runs with search_path set to the
-- tenant's schema: names stay unqualified.

-- A note is written by staff after a visit, in SOAP form and/or free text.
-- Once signed it is part of the medical record and never changes again:
-- the trigger below refuses it, whatever the client or code path.
CREATE TABLE clinical_notes (
    id           uuid PRIMARY KEY,
    -- Patients are archived, never deleted: a note outlives nothing.
    patient_id   uuid NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
    visit_type   text NOT NULL
                 CHECK (visit_type IN ('regular', 'follow_up', 'emergency', 'home_visit')),
    subjective   text CHECK (length(subjective) <= 20000),
    objective    text CHECK (length(objective) <= 20000),
    assessment   text CHECK (length(assessment) <= 20000),
    plan         text CHECK (length(plan) <= 20000),
    body         text CHECK (length(body) <= 20000),
    -- A public.users id, and the name it had when the note was written.
    author_id    uuid NOT NULL,
    author_name  text CHECK (length(author_name) <= 200),
    signed_at    timestamptz,
    signed_by    uuid,
    -- Rises with every change, for offline sync.
    version      bigint NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL))
);
CREATE INDEX clinical_notes_patient_idx ON clinical_notes (patient_id, created_at DESC, id DESC);

-- A signed note is final: any UPDATE or DELETE of one is refused. The
-- signing UPDATE itself starts from an unsigned row, so it passes.
CREATE FUNCTION clinical_notes_signed_are_final() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.signed_at IS NOT NULL THEN
        RAISE EXCEPTION 'clinical note % is signed and cannot be changed or deleted; add an amendment', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER clinical_notes_signed_are_final
    BEFORE UPDATE OR DELETE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION clinical_notes_signed_are_final();

-- A correction of a signed note. Amendments are themselves final rows, and
-- only a signed note takes them (an unsigned one is simply edited).
CREATE TABLE clinical_note_amendments (
    id           uuid PRIMARY KEY,
    note_id      uuid NOT NULL REFERENCES clinical_notes (id) ON DELETE RESTRICT,
    text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
    reason       text CHECK (length(reason) <= 1000),
    author_id    uuid NOT NULL,
    author_name  text CHECK (length(author_name) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clinical_note_amendments_note_idx ON clinical_note_amendments (note_id, created_at, id);

CREATE FUNCTION clinical_note_amendments_are_final() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an amendment is final: it cannot be changed or deleted'
        USING ERRCODE = 'object_not_in_prerequisite_state';
END $$;
CREATE TRIGGER clinical_note_amendments_are_final
    BEFORE UPDATE OR DELETE ON clinical_note_amendments
    FOR EACH ROW EXECUTE FUNCTION clinical_note_amendments_are_final();

CREATE FUNCTION clinical_note_amendments_need_signed_note() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM clinical_notes n
                   WHERE n.id = NEW.note_id AND n.signed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'only a signed note takes amendments'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER clinical_note_amendments_need_signed_note
    BEFORE INSERT ON clinical_note_amendments
    FOR EACH ROW EXECUTE FUNCTION clinical_note_amendments_need_signed_note();

-- A treatment plan: goals, the sessions planned, exercises to do at home,
-- from a start date, reviewed on a date. Sessions attended are not stored:
-- they are the patient's completed appointments (bookings) since the start.
CREATE TABLE treatment_plans (
    id                uuid PRIMARY KEY,
    patient_id        uuid NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
    goals             text[] NOT NULL DEFAULT '{}' CHECK (cardinality(goals) <= 20),
    sessions_planned  integer NOT NULL CHECK (sessions_planned BETWEEN 1 AND 1000),
    -- [{"name", "sets", "repetitions", "instructions"}, ...]
    exercises         jsonb NOT NULL DEFAULT '[]'
                      CHECK (jsonb_typeof(exercises) = 'array' AND jsonb_array_length(exercises) <= 50),
    starts_on         date NOT NULL,
    review_on         date CHECK (review_on >= starts_on),
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed')),
    -- When it was completed: appointments after it no longer count.
    completed_at      timestamptz CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    created_by        uuid NOT NULL,
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX treatment_plans_patient_idx ON treatment_plans (patient_id, created_at DESC, id DESC);
CREATE INDEX treatment_plans_active_idx ON treatment_plans (patient_id) WHERE status = 'active';
