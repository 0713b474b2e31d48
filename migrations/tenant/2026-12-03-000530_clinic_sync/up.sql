-- Clinics: the change feed offline clients pull from. Runs with
-- search_path set to the tenant's schema: names stay unqualified.
--
-- Every insert, update or delete of a patient, clinical note or treatment
-- plan adds a row here, from a trigger, in the writing transaction. `txid`
-- is that transaction's id: a pull only hands out rows of transactions
-- older than every running one (below the snapshot's xmin), ordered by
-- (txid, id). A transaction that drew its id before a pull and commits
-- after it is still running at that pull, so the pull stops below it and
-- the next pull delivers it: no committed change is ever skipped, which an
-- order by a sequence alone (drawn before commit) cannot promise.
CREATE TABLE sync_changes (
    id          bigserial PRIMARY KEY,
    -- xid8 as a bigint: 64 bits, epoch included, never wraps.
    txid        bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    entity      text NOT NULL CHECK (entity IN ('patient', 'note', 'plan')),
    entity_id   uuid NOT NULL,
    -- The row's version after the change; null for a delete.
    version     bigint,
    deleted     boolean NOT NULL DEFAULT false,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_changes_feed_idx ON sync_changes (txid, id);

-- The feed is named with the table's own schema: a write made without the
-- tenant's search_path (a script, a console) is recorded all the same.
CREATE FUNCTION sync_changes_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('INSERT INTO %I.sync_changes (entity, entity_id, version, deleted)
                        VALUES ($1, $2, NULL, true)', TG_TABLE_SCHEMA)
        USING TG_ARGV[0], OLD.id;
        RETURN OLD;
    END IF;
    EXECUTE format('INSERT INTO %I.sync_changes (entity, entity_id, version)
                    VALUES ($1, $2, $3)', TG_TABLE_SCHEMA)
    USING TG_ARGV[0], NEW.id, NEW.version;
    RETURN NEW;
END $$;

CREATE TRIGGER patients_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION sync_changes_record('patient');
CREATE TRIGGER clinical_notes_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION sync_changes_record('note');
CREATE TRIGGER treatment_plans_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON treatment_plans
    FOR EACH ROW EXECUTE FUNCTION sync_changes_record('plan');

-- What existed before the feed: one change each, so a first pull gets it.
INSERT INTO sync_changes (entity, entity_id, version)
SELECT 'patient', id, version FROM patients;
INSERT INTO sync_changes (entity, entity_id, version)
SELECT 'note', id, version FROM clinical_notes;
INSERT INTO sync_changes (entity, entity_id, version)
SELECT 'plan', id, version FROM treatment_plans;
