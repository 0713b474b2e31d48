-- The copies again, in this schema, as the public functions define them;
-- then the triggers and the search column use them.
DO $$
DECLARE
    f oid;
BEGIN
    FOR f IN
        SELECT p.oid FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND p.proname IN ('store_fold', 'store_search_query', 'store_product_summary',
                            'store_variants_changed', 'store_products_price_changed',
                            'store_order_status_notify', 'patient_access_log_append_only',
                            'clinical_notes_signed_are_final', 'clinical_note_amendments_are_final',
                            'clinical_note_amendments_need_signed_note', 'clinic_invoices_number_stays',
                            'sync_changes_record', 'clinic_patient_search')
    LOOP
        EXECUTE replace(pg_get_functiondef(f), 'FUNCTION public.',
                        format('FUNCTION %I.', current_schema()));
    END LOOP;
END $$;

CREATE OR REPLACE TRIGGER variants_summary AFTER INSERT OR UPDATE OR DELETE ON variants
    FOR EACH ROW EXECUTE FUNCTION store_variants_changed();
CREATE OR REPLACE TRIGGER products_summary AFTER INSERT OR UPDATE OF base_price_cents ON products
    FOR EACH ROW EXECUTE FUNCTION store_products_price_changed();
CREATE OR REPLACE TRIGGER order_events_notify AFTER INSERT ON order_events
    FOR EACH ROW EXECUTE FUNCTION store_order_status_notify();
CREATE OR REPLACE TRIGGER patient_access_log_append_only
    BEFORE UPDATE ON patient_access_log
    FOR EACH ROW EXECUTE FUNCTION patient_access_log_append_only();
CREATE OR REPLACE TRIGGER clinical_notes_signed_are_final
    BEFORE UPDATE OR DELETE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION clinical_notes_signed_are_final();
CREATE OR REPLACE TRIGGER clinical_note_amendments_are_final
    BEFORE UPDATE OR DELETE ON clinical_note_amendments
    FOR EACH ROW EXECUTE FUNCTION clinical_note_amendments_are_final();
CREATE OR REPLACE TRIGGER clinical_note_amendments_need_signed_note
    BEFORE INSERT ON clinical_note_amendments
    FOR EACH ROW EXECUTE FUNCTION clinical_note_amendments_need_signed_note();
CREATE OR REPLACE TRIGGER clinic_invoices_number_stays
    BEFORE UPDATE ON clinic_invoices
    FOR EACH ROW EXECUTE FUNCTION clinic_invoices_number_stays();
CREATE OR REPLACE TRIGGER patients_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION sync_changes_record('patient');
CREATE OR REPLACE TRIGGER clinical_notes_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION sync_changes_record('note');
CREATE OR REPLACE TRIGGER treatment_plans_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON treatment_plans
    FOR EACH ROW EXECUTE FUNCTION sync_changes_record('plan');

DROP TRIGGER products_search ON products;
ALTER TABLE products DROP COLUMN search;
ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', store_fold(name)), 'A') ||
    setweight(to_tsvector('simple', store_fold(
        coalesce(translations->'fa'->>'name', '') || ' ' || coalesce(translations->'ar'->>'name', '') || ' ' || coalesce(translations->'fr'->>'name', '') || ' ' || coalesce(translations->'en'->>'name', ''))), 'A') ||
    setweight(to_tsvector('english', coalesce(name, '')), 'B') ||
    setweight(to_tsvector('french', coalesce(translations->'fr'->>'name', '')), 'B') ||
    setweight(to_tsvector('arabic', store_fold(translations->'ar'->>'name')), 'B') ||
    setweight(to_tsvector('simple', store_fold(
        coalesce(description, '') || ' ' || coalesce(translations->'fa'->>'description', '') || ' ' || coalesce(translations->'ar'->>'description', '') || ' ' || coalesce(translations->'fr'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', ''))), 'C') ||
    setweight(to_tsvector('english', coalesce(description, '')), 'D') ||
    setweight(to_tsvector('french', coalesce(translations->'fr'->>'description', '')), 'D') ||
    setweight(to_tsvector('arabic', store_fold(translations->'ar'->>'description')), 'D')
) STORED;
CREATE INDEX products_search_idx ON products USING gin (search);
