//! A patient's appointments: bookings made through the bookings crate's
//! own create operation (staff booking on the client's behalf) for the
//! patient's customer record, then tied to the patient. The database
//! refuses a patient two overlapping appointments
//! (`bookings_patient_no_overlap`), whichever staff members they are with.
//!
//! The patient's list carries their attendance: appointments attended
//! (arrived or completed) against those missed (no-show).

mod book;
mod error;
mod model;
mod repo;

pub use book::book;
pub use error::AppointmentError;
pub use model::{Appointment, AppointmentsPage, Attendance, BookBody, ListQuery};
pub use repo::{attendance, list};
