-- The triggers and the products' search column use the functions of the
-- public schema (its migration 2026-12-05-000100_tenant_functions says
-- why), and this schema's copies go. Runs with search_path set to the
-- tenant's schema: names stay unqualified, the public ones qualified.

CREATE OR REPLACE TRIGGER variants_summary AFTER INSERT OR UPDATE OR DELETE ON variants
    FOR EACH ROW EXECUTE FUNCTION public.store_variants_changed();
CREATE OR REPLACE TRIGGER products_summary AFTER INSERT OR UPDATE OF base_price_cents ON products
    FOR EACH ROW EXECUTE FUNCTION public.store_products_price_changed();
CREATE OR REPLACE TRIGGER order_events_notify AFTER INSERT ON order_events
    FOR EACH ROW EXECUTE FUNCTION public.store_order_status_notify();
CREATE OR REPLACE TRIGGER patient_access_log_append_only
    BEFORE UPDATE ON patient_access_log
    FOR EACH ROW EXECUTE FUNCTION public.patient_access_log_append_only();
CREATE OR REPLACE TRIGGER clinical_notes_signed_are_final
    BEFORE UPDATE OR DELETE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION public.clinical_notes_signed_are_final();
CREATE OR REPLACE TRIGGER clinical_note_amendments_are_final
    BEFORE UPDATE OR DELETE ON clinical_note_amendments
    FOR EACH ROW EXECUTE FUNCTION public.clinical_note_amendments_are_final();
CREATE OR REPLACE TRIGGER clinical_note_amendments_need_signed_note
    BEFORE INSERT ON clinical_note_amendments
    FOR EACH ROW EXECUTE FUNCTION public.clinical_note_amendments_need_signed_note();
CREATE OR REPLACE TRIGGER clinic_invoices_number_stays
    BEFORE UPDATE ON clinic_invoices
    FOR EACH ROW EXECUTE FUNCTION public.clinic_invoices_number_stays();
CREATE OR REPLACE TRIGGER patients_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION public.sync_changes_record('patient');
CREATE OR REPLACE TRIGGER clinical_notes_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION public.sync_changes_record('note');
CREATE OR REPLACE TRIGGER treatment_plans_sync_changes
    AFTER INSERT OR UPDATE OR DELETE ON treatment_plans
    FOR EACH ROW EXECUTE FUNCTION public.sync_changes_record('plan');

-- The search column was generated from this schema's store_fold. PostgreSQL
-- 15 cannot point a generated column at another function without making
-- the column again, which rewrites the table and reads all of pg_index
-- (every tenant's indexes); it keeps its values as a plain column instead,
-- and a trigger works them out as the expression did.
ALTER TABLE products ALTER COLUMN search DROP EXPRESSION;
CREATE TRIGGER products_search
    BEFORE INSERT OR UPDATE OF name, translations, description, search ON products
    FOR EACH ROW EXECUTE FUNCTION public.store_product_search();

DROP FUNCTION store_variants_changed();
DROP FUNCTION store_products_price_changed();
DROP FUNCTION store_product_summary(uuid);
DROP FUNCTION store_order_status_notify();
DROP FUNCTION store_search_query(text);
DROP FUNCTION store_fold(text);
DROP FUNCTION patient_access_log_append_only();
DROP FUNCTION clinical_notes_signed_are_final();
DROP FUNCTION clinical_note_amendments_are_final();
DROP FUNCTION clinical_note_amendments_need_signed_note();
DROP FUNCTION clinic_invoices_number_stays();
DROP FUNCTION sync_changes_record();
DROP FUNCTION clinic_patient_search(text, boolean, text, boolean, real, uuid, bigint);
