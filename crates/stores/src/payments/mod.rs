//! Payments: the shop's provider (manual, or a Stripe-shaped HTTP one), its
//! settings, and its signed webhook events applied once each.
//!
//! The buyer starts a payment (`start`): the instructions of a manual
//! shop, or a payment intent the browser confirms. The provider then tells
//! the shop through its webhook (`webhook`), which moves the order to paid
//! at most once, however often and in whatever order events arrive.

mod error;

pub mod provider;
pub mod settings;
pub mod start;
pub mod webhook;

pub use error::PaymentError;
pub use provider::{PaymentOrder, PaymentProvider, PaymentStart, ProviderError};
pub use settings::{NewSettings, ProviderKind, SettingsBody, SettingsView};
pub use start::{PayAnswer, PayPlan};
pub use webhook::{Outcome, Receipt, MAX_BODY_BYTES, SIGNATURE_HEADER};
