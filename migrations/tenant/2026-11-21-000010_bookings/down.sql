DROP TABLE webhook_endpoints, idempotency_keys, booking_history, bookings, time_off,
    availability_overrides, availability_rules, staff_services, staff, services,
    service_categories, booking_settings;
