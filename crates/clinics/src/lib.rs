//! Clinics: practice management for physiotherapists and doctors. Patients
//! with per-tenant codes, signed clinical notes and their amendments,
//! treatment plans, documents, invoices, reports and offline sync, with an
//! access audit of every request that reaches a patient's record.
//!
//! Like stores, each public module is one part of the capability: its
//! request bodies, the checked values they become, the views it answers
//! with and its operations, which run inside the caller's tenant
//! transaction and return typed results or the part's own error enum,
//! mapped to `kernel::AppError` in one `From` impl. A clinic's appointment
//! is a booking, reached through the bookings crate's public API.

pub mod schema;

pub mod audit;

pub mod appointments;
pub mod chart;
pub mod customer_records;
pub mod day;
pub mod documents;
pub mod export;
mod field_errors;
pub mod invoices;
pub mod notes;
pub mod patients;
pub mod plans;
pub mod reports;
pub mod sync;
