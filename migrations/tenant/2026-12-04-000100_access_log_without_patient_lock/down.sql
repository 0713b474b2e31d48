ALTER TABLE patient_access_log ADD CONSTRAINT patient_access_log_patient_id_fkey
    FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE;
