//! The buyer starts paying an order that waits for payment (or staff a
//! payment of something else the tenant bills, `prepare_payment`). The order and
//! the shop's settings are read in the request's transaction (`prepare`);
//! the provider is called after it, with no transaction open and off the
//! async workers (`PayPlan::start`).

use diesel::PgConnection;
use serde::Serialize;
use uuid::Uuid;

use super::error::PaymentError;
use super::provider::{HttpProvider, ManualProvider, PaymentOrder, PaymentProvider, PaymentStart};
use super::settings::{self, ProviderKind};
use crate::orders::{find_for_update, Access, OrderError, OrderStatus};

/// What the buyer does next: read the instructions (manual), or confirm
/// the card payment in the browser with the client secret (stripe).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PaymentStartAnswer)]
pub struct PayAnswer {
    pub provider: ProviderKind,
    /// manual: how to pay (bank details, cash on delivery); null when
    /// the shop wrote none, and for stripe.
    pub instructions: Option<String>,
    /// stripe: for the provider's script in the buyer's browser.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_intent_id: Option<String>,
}

/// A payment ready to start: the provider and what it is asked for.
pub struct PayPlan {
    provider: Box<dyn PaymentProvider>,
    order: PaymentOrder,
}

/// Checks the buyer may pay the order (theirs, waiting for payment) and
/// picks its provider: the one the order was placed with.
pub fn prepare(
    conn: &mut PgConnection,
    access: &Access,
    order_id: Uuid,
    api_url: &str,
) -> Result<PayPlan, PaymentError> {
    // Locked, so an expiry cannot land between the check and the answer.
    let order = find_for_update(conn, order_id)?
        .filter(|o| access.is_buyer_of(o))
        .ok_or(OrderError::NotFound)?;
    if order.status != OrderStatus::PendingPayment {
        return Err(OrderError::NotPending(order.status).into());
    }
    let kind = ProviderKind::parse(&order.payment_provider).unwrap_or(ProviderKind::Manual);
    let payment =
        PaymentOrder::for_order(order.id, order.number, order.total_cents, order.currency);
    plan(settings::load(conn)?, kind, api_url, payment)
}

/// A payment of something else the tenant bills (a clinic's invoice),
/// through the provider of the tenant's payment settings (manual while it
/// has none). The caller has checked it may be paid.
pub fn prepare_payment(
    conn: &mut PgConnection,
    payment: PaymentOrder,
    api_url: &str,
) -> Result<PayPlan, PaymentError> {
    let shop = settings::load(conn)?;
    let kind = shop.as_ref().map_or(ProviderKind::Manual, |s| s.provider);
    plan(shop, kind, api_url, payment)
}

/// The provider of `kind` with the tenant's key or instructions.
fn plan(
    shop: Option<settings::SettingsRow>,
    kind: ProviderKind,
    api_url: &str,
    payment: PaymentOrder,
) -> Result<PayPlan, PaymentError> {
    let provider: Box<dyn PaymentProvider> = match kind {
        ProviderKind::Stripe => Box::new(HttpProvider::new(
            api_url,
            shop.as_ref().and_then(|s| s.api_key.as_deref()),
        )?),
        ProviderKind::Manual => Box::new(ManualProvider {
            instructions: shop.and_then(|s| s.instructions),
        }),
    };
    Ok(PayPlan {
        provider,
        order: payment,
    })
}

impl PayPlan {
    /// Asks the provider. Blocking, for the network: no transaction open.
    pub fn start(&self) -> Result<PayAnswer, PaymentError> {
        let provider = self.provider.kind();
        Ok(match self.provider.start(&self.order)? {
            PaymentStart::Instructions(instructions) => PayAnswer {
                provider,
                instructions,
                client_secret: None,
                payment_intent_id: None,
            },
            PaymentStart::Intent {
                payment_intent_id,
                client_secret,
            } => PayAnswer {
                provider,
                instructions: None,
                client_secret: Some(client_secret),
                payment_intent_id: Some(payment_intent_id),
            },
        })
    }
}
