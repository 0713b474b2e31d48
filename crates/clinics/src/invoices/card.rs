//! Card payments of an invoice through the tenant's payment provider (the
//! one its shop uses). This crate does not know the provider: the server
//! asks it with what [`payable`] answers, naming the invoice in the
//! intent's metadata under [`METADATA_KEY`], and hands the provider's
//! `payment_intent.succeeded` event back to [`record_provider_payment`],
//! inside the transaction that records the event.

use serde_json::Value;
use uuid::Uuid;

use diesel::prelude::*;

use super::error::InvoiceError;
use super::model::{InvoiceStatus, PaymentMethod};
use super::ops::{record_payment, NewPayment};
use super::repo;
use super::schema::clinic_invoice_payments;

/// The intent's metadata key naming the invoice it pays.
pub const METADATA_KEY: &str = "clinic_invoice_id";

/// Who recorded a payment the provider's webhook brought: no one signed in.
pub const PROVIDER_RECORDER: Uuid = Uuid::nil();

/// What a card payment of the invoice asks the provider for now.
#[derive(Debug, Clone)]
pub struct Payable {
    pub invoice_id: Uuid,
    pub number: String,
    /// What is still owed, in the currency's minor unit.
    pub owed_cents: i64,
    pub currency: String,
}

/// Checks the invoice takes a card payment now (issued, something owed)
/// and answers what it owes.
pub fn payable(conn: &mut PgConnection, id: Uuid) -> Result<Payable, InvoiceError> {
    let (invoice, owed_cents) = repo::lock_payable(conn, id)?;
    match invoice.number {
        Some(number) if owed_cents > 0 => Ok(Payable {
            invoice_id: invoice.id,
            number,
            owed_cents,
            currency: invoice.currency,
        }),
        // An issued invoice always has a number and owes something (it is
        // paid otherwise); a row that breaks this is not to be charged.
        _ => Err(InvoiceError::Paid),
    }
}

/// The invoice a provider's payment object names in its metadata, if any.
pub fn invoice_named(object: &Value) -> Option<Uuid> {
    object["metadata"][METADATA_KEY]
        .as_str()
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// What the provider says was paid.
struct Paid<'a> {
    intent: &'a str,
    amount_cents: i64,
    currency: String,
}

impl<'a> Paid<'a> {
    fn of(object: &'a Value) -> Option<Self> {
        Some(Paid {
            intent: object["id"]
                .as_str()
                .filter(|id| !id.is_empty() && id.len() <= 255)?,
            amount_cents: object["amount_received"]
                .as_i64()
                .or_else(|| object["amount"].as_i64())?,
            currency: object["currency"].as_str()?.to_ascii_uppercase(),
        })
    }
}

/// What the provider's payment did to the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderOutcome {
    /// Recorded as a card payment; paid once payments cover the total.
    Recorded,
    /// No such invoice here, or its intent was recorded before.
    Ignored,
    /// The amount is more than owed, or not in the invoice's currency (or
    /// the event does not say): nothing recorded.
    AmountMismatch,
    /// The invoice is not open for payment (a draft, void, or paid by hand
    /// meanwhile): nothing recorded; the money is to be refunded.
    RefundNeeded,
}

/// Records the provider's succeeded payment on the invoice `object`
/// names, in the caller's transaction. Answers the outcome and the
/// invoice's patient, whose access row the caller writes.
pub fn record_provider_payment(
    conn: &mut PgConnection,
    id: Uuid,
    object: &Value,
) -> Result<(ProviderOutcome, Option<Uuid>), InvoiceError> {
    // Locked: a payment by hand at the same moment waits, then sees it.
    let invoice = match repo::lock(conn, id) {
        Ok(invoice) => invoice,
        Err(InvoiceError::NotFound) => return Ok((ProviderOutcome::Ignored, None)),
        Err(e) => return Err(e),
    };
    let patient = Some(invoice.patient_id);
    let Some(paid) = Paid::of(object) else {
        tracing::warn!(invoice = %id, "a provider payment without id, amount or currency");
        return Ok((ProviderOutcome::AmountMismatch, patient));
    };
    let known: bool = diesel::select(diesel::dsl::exists(
        clinic_invoice_payments::table
            .filter(clinic_invoice_payments::provider_ref.eq(paid.intent)),
    ))
    .get_result(conn)?;
    if known {
        return Ok((ProviderOutcome::Ignored, patient));
    }
    if invoice.status != InvoiceStatus::Issued {
        tracing::warn!(invoice = %id, intent = paid.intent, status = %invoice.status,
            "a card payment arrived for an invoice not open for payment; refund it");
        return Ok((ProviderOutcome::RefundNeeded, patient));
    }
    let owed = invoice.total_cents.saturating_sub(invoice.paid_cents);
    if paid.currency != invoice.currency || paid.amount_cents <= 0 || paid.amount_cents > owed {
        tracing::warn!(invoice = %id, intent = paid.intent, amount = paid.amount_cents,
            currency = %paid.currency, owed, "a card payment does not match what the invoice owes");
        return Ok((ProviderOutcome::AmountMismatch, patient));
    }
    let note = format!(
        "Paid by card through the payment provider ({}).",
        paid.intent
    );
    record_payment(
        conn,
        &invoice,
        &NewPayment {
            amount_cents: paid.amount_cents,
            method: PaymentMethod::Card,
            // A note is at most 500 characters; the intent id is at most 255.
            note: Some(&note),
            recorded_by: PROVIDER_RECORDER,
            provider_ref: Some(paid.intent),
        },
    )?;
    Ok((ProviderOutcome::Recorded, patient))
}
