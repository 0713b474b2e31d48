//! The clinic over HTTP: patients, the access audit, the patient's export.

mod access_log;
mod export;
mod fixture;
mod patients;
