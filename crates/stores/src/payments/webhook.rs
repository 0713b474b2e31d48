//! The card provider's events, on the shop's own host. Each is checked
//! against the shop's webhook secret (the provider's scheme, as billing
//! reads it: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, five
//! minutes either way) and then, in one transaction, recorded by its id
//! (`payment_events`' key: a redelivery, even one arriving while the first
//! is being applied, finds the row and changes nothing) and applied.
//!
//! `payment_intent.succeeded` names its order in `metadata.order_id`:
//! - waiting for payment, the amount and currency the order's: the
//!   payment is recorded (one per order, by its unique index) and the
//!   order becomes paid, as the provider;
//! - the amount or currency differ: nothing is paid; the history says so
//!   for staff to settle;
//! - cancelled unpaid (expired before the money came): the payment is
//!   recorded, the order stays cancelled (its stock may be sold already)
//!   and the history asks staff to refund it;
//! - paid already, or any later status: nothing.
//!
//! Any other type (a failure after the success, for one), an order of no
//! shop here, or an event without an order: recorded and ignored.
//!
//! `receive` does both steps for the shop alone; a server that also bills
//! through the provider (a clinic's invoices) calls `accept`, then applies
//! what the event names itself, or `apply_to_order`, in that transaction.

use billing::events::Event;
use billing::pdf::money;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tenancy::Site;
use uuid::Uuid;

use super::error::PaymentError;
use super::settings::{self, ProviderKind};
use crate::orders::{
    apply, find_for_update, record, record_payment, Actor, NewEntry, OrderRow, OrderStatus,
    StatusChange,
};
use crate::schema::payment_events;

pub const SIGNATURE_HEADER: &str = "X-Payment-Signature";
/// The largest event read; the provider's are a few kilobytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const PAYMENT_SUCCEEDED: &str = "payment_intent.succeeded";

kernel::text_enum! {
    /// What receiving an event did.
    pub enum Outcome {
        /// The order is paid.
        Applied => "applied",
        /// Recorded; nothing to do (a type, an order or a status not acted on).
        Ignored => "ignored",
        /// The amount or currency is not the order's: not paid, flagged.
        AmountMismatch => "amount_mismatch",
        /// Paid after the order was cancelled: recorded, flagged for a refund.
        RefundNeeded => "refund_needed",
        /// Received before: nothing done again.
        Duplicate => "duplicate",
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = PaymentEventReceipt)]
pub struct Receipt {
    pub received: bool,
    /// The event had been received before; nothing was done again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<bool>,
    /// What it did (absent for a duplicate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

impl From<Outcome> for Receipt {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Duplicate => Receipt {
                received: true,
                duplicate: Some(true),
                outcome: None,
            },
            other => Receipt {
                received: true,
                duplicate: None,
                outcome: Some(other),
            },
        }
    }
}

/// Checks and applies one delivery, in the caller's one transaction: a
/// bad signature stores nothing.
pub fn receive(
    conn: &mut PgConnection,
    site: &Site,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<Outcome, PaymentError> {
    match accept(conn, signature, body, now)? {
        Some(event) => apply_to_order(conn, site, &event),
        None => Ok(Outcome::Duplicate),
    }
}

/// Checks one delivery and records its event, in the caller's transaction:
/// the event the first time its id arrives, None for a redelivery. What
/// the event pays is then the caller's to apply in the same transaction
/// (`apply_to_order` for an order; another capability's for what it bills).
pub fn accept(
    conn: &mut PgConnection,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<Option<Event>, PaymentError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(PaymentError::EventTooLarge);
    }
    // A shop that never set its provider has no secret: nothing verifies.
    let secret = settings::load(conn)?
        .map(|s| s.webhook_secret)
        .ok_or(PaymentError::InvalidSignature)?;
    let signature = signature.ok_or(PaymentError::InvalidSignature)?;
    if !billing::signature::verify(&secret, signature, body, now) {
        return Err(PaymentError::InvalidSignature);
    }
    let event = Event::parse(body).map_err(|e| PaymentError::InvalidEvent(e.detail))?;
    let first = diesel::insert_into(payment_events::table)
        .values((
            payment_events::id.eq(&event.id),
            payment_events::kind.eq(&event.kind),
            payment_events::order_id.eq(order_of(&event)),
        ))
        .on_conflict(payment_events::id)
        .do_nothing()
        .execute(conn)?;
    Ok((first == 1).then_some(event))
}

/// The order an event names in its metadata, if any.
fn order_of(event: &Event) -> Option<Uuid> {
    event.object["metadata"]["order_id"]
        .as_str()
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// Applies an accepted event to the order it names.
pub fn apply_to_order(
    conn: &mut PgConnection,
    site: &Site,
    event: &Event,
) -> Result<Outcome, PaymentError> {
    match (event.kind.as_str(), order_of(event)) {
        (PAYMENT_SUCCEEDED, Some(order_id)) => succeeded(conn, site, &event.object, order_id),
        _ => Ok(Outcome::Ignored),
    }
}

/// What the intent says was paid.
struct Paid<'a> {
    intent: Option<&'a str>,
    amount_cents: Option<i64>,
    currency: Option<String>,
}

impl<'a> Paid<'a> {
    fn of(object: &'a Value) -> Self {
        Paid {
            intent: object["id"].as_str().filter(|id| !id.is_empty()),
            amount_cents: object["amount_received"]
                .as_i64()
                .or_else(|| object["amount"].as_i64()),
            currency: object["currency"].as_str().map(str::to_ascii_uppercase),
        }
    }

    fn matches(&self, order: &OrderRow) -> bool {
        self.amount_cents == Some(order.total_cents)
            && self.currency.as_deref() == Some(order.currency.as_str())
    }

    fn describe(&self) -> String {
        let amount = match (self.amount_cents, &self.currency) {
            (Some(cents), Some(currency)) => money(cents, currency),
            _ => "an unknown amount".into(),
        };
        format!("Payment {} of {amount}", self.intent.unwrap_or("(no id)"))
    }
}

/// A note in the order's history that changes nothing, for staff.
fn flag(conn: &mut PgConnection, order: &OrderRow, note: &str) -> QueryResult<()> {
    record(
        conn,
        &NewEntry {
            order_id: order.id,
            from: Some(order.status),
            to: order.status,
            actor: Actor::Provider,
            actor_user_id: None,
            note: Some(note),
        },
    )
}

fn succeeded(
    conn: &mut PgConnection,
    site: &Site,
    object: &Value,
    order_id: Uuid,
) -> Result<Outcome, PaymentError> {
    // Locked: a concurrent expiry or staff change waits, then sees paid.
    let Some(order) = find_for_update(conn, order_id)? else {
        return Ok(Outcome::Ignored);
    };
    let paid = Paid::of(object);
    let provider = ProviderKind::Stripe.as_str();
    match order.status {
        OrderStatus::PendingPayment if !paid.matches(&order) => {
            let note = format!(
                "{} does not match the order's total of {}; the order is not marked paid.",
                paid.describe(),
                money(order.total_cents, &order.currency)
            );
            flag(conn, &order, &note)?;
            Ok(Outcome::AmountMismatch)
        }
        OrderStatus::PendingPayment => {
            let recorded = record_payment(
                conn,
                order.id,
                provider,
                paid.intent,
                order.total_cents,
                &order.currency,
            )?;
            if !recorded {
                return Ok(Outcome::Ignored);
            }
            let change = StatusChange::by(Actor::Provider, OrderStatus::Paid, None);
            apply(conn, site, &order, &change)?;
            Ok(Outcome::Applied)
        }
        OrderStatus::Cancelled if order.paid_at.is_none() => {
            let (Some(amount), Some(currency)) = (paid.amount_cents, paid.currency.as_deref())
            else {
                flag(conn, &order, &format!("{} arrived after the order was cancelled; check it with the payment provider.", paid.describe()))?;
                return Ok(Outcome::RefundNeeded);
            };
            if record_payment(conn, order.id, provider, paid.intent, amount, currency)? {
                let note = format!(
                    "{} arrived after the order was cancelled; refund it through the payment \
                     provider.",
                    paid.describe()
                );
                flag(conn, &order, &note)?;
            }
            Ok(Outcome::RefundNeeded)
        }
        _ => Ok(Outcome::Ignored),
    }
}
