DROP TRIGGER treatment_plans_sync_changes ON treatment_plans;
DROP TRIGGER clinical_notes_sync_changes ON clinical_notes;
DROP TRIGGER patients_sync_changes ON patients;
DROP FUNCTION sync_changes_record();
DROP TABLE sync_changes;
