DROP FUNCTION clinic_patient_search(text, boolean, text, boolean, real, uuid, bigint);
