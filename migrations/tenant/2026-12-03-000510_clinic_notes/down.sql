DROP TABLE treatment_plans;
DROP TABLE clinical_note_amendments;
DROP FUNCTION clinical_note_amendments_need_signed_note();
DROP FUNCTION clinical_note_amendments_are_final();
DROP TABLE clinical_notes;
DROP FUNCTION clinical_notes_signed_are_final();
