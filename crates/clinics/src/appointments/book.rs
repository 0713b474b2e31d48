//! POST /patients/{id}/appointments: staff book for a patient through the
//! bookings crate's own create operation, so the slot rules, the staff
//! overlap check, the history, mails, reminders and webhooks are the ones
//! every booking gets.

use bookings::create::{self, BookingRequest, CreateBody, CustomerBody};
use customers::links;
use diesel::PgConnection;
use identity::tokens::AuthUser;
use kernel::error::AppError;
use tenancy::Site;
use uuid::Uuid;

use super::error::AppointmentError;
use super::model::{Appointment, BookBody};
use super::repo::{self, Contact};

/// Books `body` for the patient as `staff`, in the caller's transaction,
/// and ties the booking to the patient. A patient who is no customer yet
/// becomes one (found or made by their email, as a guest's booking would)
/// and is linked to that record.
pub fn book(
    conn: &mut PgConnection,
    site: &Site,
    staff: &AuthUser,
    patient_id: Uuid,
    body: BookBody,
) -> Result<Appointment, AppointmentError> {
    let patient = repo::lock_contact(conn, patient_id)?.ok_or(AppointmentError::PatientNotFound)?;
    if patient.archived {
        return Err(AppointmentError::PatientArchived);
    }
    let customer = customer_of(conn, &patient)?;
    let request = BookingRequest {
        body: CreateBody {
            service_id: body.service_id,
            staff_id: body.staff_id,
            start: body.start,
            customer: Some(customer),
            notes: body.notes,
        },
        idempotency_key: None,
        // Staff booking on the client's behalf: confirmed at once, no cap
        // on the customer's upcoming bookings.
        user: Some(staff.clone()),
        max_pending: None,
    };
    let booked = create::book(conn, site, &request)?;
    if patient.customer_id.is_none() {
        repo::link_customer(conn, patient_id, booked.booking.customer_id)?;
    }
    repo::tie(conn, booked.booking.id, patient_id)?;
    Ok(repo::one(conn, booked.booking.id)?)
}

/// Who the booking is for, as bookings takes a customer booked by staff:
/// by name and email. The patient's linked record by its own email (which
/// finds that very record), else the patient's details. Bookings mails
/// its confirmation and reminders, so without an email there is nothing
/// to book for: the answer asks for the patient's email.
fn customer_of(
    conn: &mut PgConnection,
    patient: &Contact,
) -> Result<CustomerBody, AppointmentError> {
    let linked = match patient.customer_id {
        Some(id) => links::of_account(conn, id).map_err(AppError::from)?,
        None => None,
    };
    let (name, email) = match linked {
        Some((_, Some(email), name)) => (name, email),
        _ => (
            patient.name.clone(),
            patient
                .email
                .clone()
                .ok_or(AppointmentError::EmailMissing)?,
        ),
    };
    Ok(CustomerBody {
        name,
        email,
        phone: patient.phone.clone(),
    })
}
