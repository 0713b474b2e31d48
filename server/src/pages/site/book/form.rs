//! The booking form: what was typed (to show it again), and the message
//! beside each field the booking refused.

use bookings::BookingError;

use crate::pages::layer::{Form, Page};

#[derive(Default)]
pub struct FieldErrors {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

impl FieldErrors {
    /// The field a `BookingError::Invalid` names, as a message beside it;
    /// None for an error that is not about what the visitor typed.
    pub fn from_error(p: &Page, e: &BookingError) -> Option<FieldErrors> {
        let BookingError::Invalid { field, .. } = e else {
            return None;
        };
        let mut errors = FieldErrors::default();
        match field.as_str() {
            "customer.name" | "customer" => errors.name = Some(p.t("error-field-name")),
            "customer.email" => errors.email = Some(p.t("error-field-email")),
            "customer.phone" => errors.phone = Some(p.t("error-field-phone")),
            "notes" => errors.notes = Some(p.t("error-field-notes")),
            _ => return None,
        }
        Some(errors)
    }
}

/// The details as typed, and the chosen time, to fill the form again.
#[derive(Default)]
pub struct Typed {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub marketing: bool,
}

impl Typed {
    /// Name and email of the signed-in customer, else blank.
    pub fn of_account(holder: Option<&identity::page_session::Holder>) -> Typed {
        holder.map_or_else(Typed::default, |h| Typed {
            name: h.name.clone(),
            email: h.email.clone(),
            ..Typed::default()
        })
    }

    pub fn from_form(f: &Form) -> Typed {
        Typed {
            name: f.raw("name"),
            email: f.raw("email"),
            phone: f.raw("phone"),
            notes: f.raw("notes"),
            marketing: f.checked("marketing_consent"),
        }
    }
}

pub struct BookForm {
    /// RFC 3339: posted back as `start`.
    pub start: String,
    /// Posted back as `staff_id`; empty for anyone.
    pub staff_id: String,
    pub when: String,
    pub back_href: String,
    pub typed: Typed,
    pub errors: FieldErrors,
    pub csrf_token: String,
}
