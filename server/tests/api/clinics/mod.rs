//! The clinic over HTTP: patients, their notes and plans, the access
//! audit each request leaves, the patient's export.

mod access_log;
mod export;
mod fixture;
mod notes;
mod patients;
mod plans;
pub(crate) mod records;
