//! Invoices to patients: visits or services as lines, tax on the subtotal,
//! totals in integer cents. A draft has no number and may change; issuing
//! takes the next number from the tenant's one counter row (INV-2026-000001,
//! ... without gaps) and fixes the invoice; payments recorded by hand mark
//! it paid once they cover the total; void keeps the number.
//!
//! A card payment through the tenant's payment provider (`card`) is
//! recorded through the same rule. The provider itself belongs to the
//! shop's crate, and domains do not depend on each other: the server
//! composes the two.

pub mod card;
mod error;
mod input;
mod model;
mod ops;
mod pdf;
mod repo;
pub mod schema;
mod totals;

pub use error::InvoiceError;
pub use model::{
    DraftBody, InvoiceStatus, InvoiceSummary, InvoiceView, LineBody, LineView, PatchBody,
    PaymentBody, PaymentMethod, PaymentView,
};
pub use ops::{create, issue, pay, update, void};
pub use pdf::{pdf, render};
pub use repo::{list, patient_of, view};
pub use totals::{totals, Totals};
