//! Patients: the people a clinic treats. Each has a per-site code
//! (PAT000001 ...) drawn from a sequence and never reused, details and
//! clinical fields, consents that keep the time they were given, and may be
//! a customer of the site. Records are archived, never deleted; the plan's
//! `patients` limit counts those not archived. Search tolerates typos in
//! names and finds codes and phone numbers too.
//!
//! Every operation here reads or changes one record; the server runs each
//! through its access audit, which writes the request's access row.

mod change;
mod consents;
mod error;
mod fields;
mod model;
mod repo;
mod search;

pub use change::{create, read, set_archived, update};
pub use consents::{Consent, Consents, ConsentsBody};
pub use error::PatientError;
pub use fields::{NewPatient, PatientChanges};
pub use model::{CreateBody, Page, PatchBody, Patient, PatientRow, PatientSummary, Sex};
pub use repo::{count_active, list, now};
pub use search::{ListFilter, ListQuery};
