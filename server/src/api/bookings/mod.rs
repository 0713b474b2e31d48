//! The bookings API: settings, services, staff and hours, availability,
//! bookings, the customer's manage link, the staff calendar. Each handler
//! reads the request, runs one `::bookings` operation in the tenant's
//! transaction and shapes the answer; `BookingError` becomes problem+json
//! through `AppError::from`.

use bookings::{Booked, BookingView, Schedules};
use serde::Serialize;

use crate::extract::CurrentTenant;
use crate::openapi::ApiRoutes;
use crate::state::AppState;

mod availability;
mod create;
mod email_confirm;
mod hours;
mod manage;
mod services;
mod settings;
mod staff;
mod staff_views;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(settings::routes)
        .mount(services::routes)
        .mount(availability::routes)
        .mount(staff::routes)
        .mount(hours::routes)
        .mount(create::routes)
        .mount(email_confirm::routes)
        // The manage link's literal segment goes before /bookings/{id}.
        .mount(manage::routes)
        .mount(staff_views::routes);
}

/// A booking and the token of the customer's manage link: shown in this
/// answer and mailed, stored only hashed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BookingWithToken {
    #[serde(flatten)]
    pub booking: BookingView,
    /// Opens /bookings/manage/{token}.
    pub manage_token: String,
}

impl From<Booked> for BookingWithToken {
    fn from(b: Booked) -> Self {
        BookingWithToken {
            booking: b.booking,
            manage_token: b.manage_token,
        }
    }
}

/// This server's schedule cache, seen from the request's tenant.
fn schedules(state: &AppState, tenant: &CurrentTenant) -> Schedules {
    Schedules::new(state.schedules.clone(), tenant.id)
}
