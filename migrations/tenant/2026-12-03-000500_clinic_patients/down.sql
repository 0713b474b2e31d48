DROP INDEX bookings_patient_idx;
ALTER TABLE bookings DROP CONSTRAINT bookings_patient_no_overlap;
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    staff_id WITH =, blocked WITH &&
) WHERE (status IN ('pending', 'confirmed'));
UPDATE bookings SET status = 'confirmed' WHERE status = 'arrived';
ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (
    status IN ('awaiting_confirmation', 'pending', 'confirmed', 'cancelled', 'completed', 'no_show')
);
ALTER TABLE bookings DROP COLUMN patient_id;
DROP TABLE patient_access_log;
DROP FUNCTION patient_access_log_append_only();
DROP TABLE patients;
DROP SEQUENCE patient_code_seq;
