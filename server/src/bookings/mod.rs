//! Bookings: services, staff, availability, slots and appointments.

pub mod availability;
pub mod calendar;
pub mod changes;
pub mod create;
pub mod customer_records;
pub mod deliveries;
pub mod events;
pub mod hours;
pub mod ics;
pub mod idempotency;
pub mod manage;
pub mod model;
pub mod schedule_cache;
pub mod services;
pub mod settings;
pub mod slots;
pub mod staff;
pub mod staff_views;
pub mod webhooks;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    settings::routes(cfg);
    services::routes(cfg);
    availability::routes(cfg);
    staff::routes(cfg);
    hours::routes(cfg);
    create::routes(cfg);
    // The manage link's literal segment goes before /bookings/{id}.
    manage::routes(cfg);
    staff_views::routes(cfg);
    webhooks::routes(cfg);
}
