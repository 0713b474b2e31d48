//! Clinics: patients' records and everything on them.

mod docs_fixture;
mod documents;
mod invoices;
