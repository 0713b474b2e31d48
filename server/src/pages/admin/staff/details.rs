//! The form of a member's details, shared by the add-staff form and the
//! member's page: name, email, phone, (on the member's page) active, and
//! a checkbox per service the member performs. It becomes the create or
//! update body of the JSON API.

use bookings::services::{self, Listing, Service};
use bookings::staff::{StaffBody, StaffMember, StaffPatch};
use bookings::BookingError;
use diesel::PgConnection;
use uuid::Uuid;

use crate::pages::layer::{Feedback, Form};

/// A service's checkbox. The form names each `service_<id>`: the form
/// reader keeps one value per name.
pub struct ServiceChoice {
    pub field: String,
    pub name: String,
    pub checked: bool,
}

pub struct DetailsForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub active: bool,
    pub services: Vec<ServiceChoice>,
    pub fb: Feedback,
}

/// The services a member may be given: every one not deleted.
pub fn all_services(conn: &mut PgConnection) -> Result<Vec<Service>, BookingError> {
    services::list(conn, Listing::All)
}

fn field_of(id: Uuid) -> String {
    format!("service_{id}")
}

fn choices(services: &[Service], checked: impl Fn(Uuid) -> bool) -> Vec<ServiceChoice> {
    services
        .iter()
        .map(|s| ServiceChoice {
            field: field_of(s.id),
            name: s.name.clone(),
            checked: checked(s.id),
        })
        .collect()
}

/// The services ticked in a posted form, among those that exist.
fn ticked(f: &Form, services: &[Service]) -> Vec<Uuid> {
    services
        .iter()
        .filter(|s| f.checked(&field_of(s.id)))
        .map(|s| s.id)
        .collect()
}

impl DetailsForm {
    /// The empty add-staff form.
    pub fn blank(services: &[Service]) -> DetailsForm {
        DetailsForm {
            name: String::new(),
            email: String::new(),
            phone: String::new(),
            active: true,
            services: choices(services, |_| false),
            fb: Feedback::default(),
        }
    }

    /// A member as they are.
    pub fn of(m: &StaffMember, services: &[Service]) -> DetailsForm {
        DetailsForm {
            name: m.name.clone(),
            email: m.email.clone().unwrap_or_default(),
            phone: m.phone.clone().unwrap_or_default(),
            active: m.active,
            services: choices(services, |id| m.service_ids.contains(&id)),
            fb: Feedback::default(),
        }
    }

    /// The values posted, to show a refused form again as it was sent.
    pub fn posted(f: &Form, services: &[Service], fb: Feedback) -> DetailsForm {
        let ids = ticked(f, services);
        DetailsForm {
            name: f.raw("name"),
            email: f.raw("email"),
            phone: f.raw("phone"),
            active: f.checked("active"),
            services: choices(services, |id| ids.contains(&id)),
            fb,
        }
    }
}

/// The API's create body. A blank name is sent blank, for the operation
/// to refuse it beside the field.
pub fn create_body(f: &Form, services: &[Service]) -> StaffBody {
    StaffBody {
        name: f.raw("name"),
        email: f.get("email").map(str::to_string),
        phone: f.get("phone").map(str::to_string),
        user_id: None,
        service_ids: ticked(f, services),
    }
}

/// The API's update body: every field of the form, blank contact
/// details cleared. The platform account link is not on the form, so it
/// stays as it is.
pub fn update_body(f: &Form, services: &[Service]) -> StaffPatch {
    StaffPatch {
        name: Some(f.raw("name")),
        email: Some(f.get("email").map(str::to_string)),
        phone: Some(f.get("phone").map(str::to_string)),
        user_id: None,
        active: Some(f.checked("active")),
        service_ids: Some(ticked(f, services)),
    }
}

/// The operation's field names, as this section's catalog words them.
pub fn field_name(field: &str) -> &'static str {
    match field {
        "name" => "staff-name",
        "email" => "staff-email",
        "phone" => "staff-phone",
        "service_ids" => "staff-services",
        _ => "staff-other",
    }
}
