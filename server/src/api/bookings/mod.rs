//! The bookings API: settings, services, staff and hours, availability,
//! bookings, the customer's manage link, the staff calendar.

use actix_web::web;

mod availability;
mod create;
mod hours;
mod manage;
mod services;
mod settings;
mod staff;
mod staff_views;

pub fn routes(cfg: &mut web::ServiceConfig) {
    settings::routes(cfg);
    services::routes(cfg);
    availability::routes(cfg);
    staff::routes(cfg);
    hours::routes(cfg);
    create::routes(cfg);
    // The manage link's literal segment goes before /bookings/{id}.
    manage::routes(cfg);
    staff_views::routes(cfg);
}
