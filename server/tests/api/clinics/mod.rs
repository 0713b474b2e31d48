//! The clinic over HTTP: patients, their notes and plans, documents and
//! invoices (paid by hand or through the payment provider), the access
//! audit each request leaves (through the customer data registry too), the
//! patient's export.

mod access_log;
mod appointments;
mod chart;
mod customer_data;
mod docs_fixture;
mod documents;
mod export;
mod fixture;
mod invoice_payments;
mod invoices;
mod notes;
mod patients;
mod plans;
pub(crate) mod records;
mod reports;
mod sync;
