//! The bookings API: settings, services, staff and hours, availability,
//! bookings, the customer's manage link, the staff calendar. Each handler
//! reads the request, runs one `::bookings` operation in the tenant's
//! transaction and shapes the answer; `BookingError` becomes problem+json
//! through `AppError::from`.

use actix_web::web;
use bookings::Schedules;

use crate::extract::CurrentTenant;
use crate::state::AppState;

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

/// This server's schedule cache, seen from the request's tenant.
fn schedules(state: &AppState, tenant: &CurrentTenant) -> Schedules {
    Schedules::new(state.schedules.clone(), tenant.id)
}
