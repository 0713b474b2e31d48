DROP TABLE booking_confirmations;
DELETE FROM bookings WHERE status = 'awaiting_confirmation';
ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (
    status IN ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')
);
ALTER TABLE booking_settings
    DROP COLUMN email_confirmation_minutes,
    DROP COLUMN require_email_confirmation;
