//! Plans and paying for them over HTTP: sign-up, limits and features, the
//! read-only past-due site, the sweeper; the provider's webhook
//! (signatures, each event once, order), the checkout against a stand-in
//! provider, and the invoices (numbers without gaps, their PDF).

mod checkout;
mod invoices;
mod limits;
mod past_due;
pub mod provider;
mod signup;
mod sweeper;
mod webhook;

use billing::subscriptions::SubscriptionRow;
use diesel::prelude::*;
use kernel::schema::public::{invoices as invoice_rows, payment_events};
use serde_json::{json, Value};

use crate::support::*;

pub const SECRET: &str = "whsec_tests_4f1c9d0b7e2a";
pub const WEBHOOK: &str = "/api/v1/billing/webhook";

/// An app whose webhook verifies with SECRET and whose invoices carry 20 % tax.
pub async fn billing_app() -> TestApp {
    spawn_app_with(|s| {
        s.billing.webhook_secret = SECRET.into();
        s.billing.tax_rate_bp = 2000;
    })
    .await
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

pub fn unique(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

/// A provider event for the tenant `slug`, with `object` merged into an
/// object that names it in its metadata.
pub fn event(kind: &str, created: i64, slug: &str, object: Value) -> Value {
    let mut o = json!({"object": "invoice", "metadata": {"tenant": slug}});
    if let (Some(o), Some(extra)) = (o.as_object_mut(), object.as_object()) {
        o.extend(extra.clone());
    }
    json!({"id": unique("evt"), "type": kind, "created": created, "data": {"object": o}})
}

/// Delivers `body` to the platform's host, signed as the provider signs.
pub async fn deliver(app: &TestApp, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let header = billing::signature::sign(SECRET, now(), body.as_bytes());
    deliver_raw(app, BASE_DOMAIN, &body, Some(&header)).await
}

pub async fn deliver_raw(
    app: &TestApp,
    host: &str,
    body: &str,
    signature: Option<&str>,
) -> (u16, Value) {
    let mut req = app
        .post(host, WEBHOOK)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(signature) = signature {
        req = req.header("Stripe-Signature", signature);
    }
    json_of(req.send().await.unwrap()).await
}

pub fn conn(app: &TestApp) -> PgConnection {
    PgConnection::establish(&app.app_state.settings.database_url).unwrap()
}

pub fn subscription(app: &TestApp, tenant: &TestTenant) -> SubscriptionRow {
    billing::subscriptions::find(&mut conn(app), tenant.id)
        .unwrap()
        .unwrap()
}

/// How many rows the event has (0 or 1) and its stored outcome.
pub fn stored_event(app: &TestApp, id: &str) -> Vec<String> {
    payment_events::table
        .filter(payment_events::id.eq(id))
        .select(payment_events::outcome)
        .load(&mut conn(app))
        .unwrap()
}

pub fn invoice_count(app: &TestApp, tenant: &TestTenant) -> i64 {
    invoice_rows::table
        .filter(invoice_rows::tenant_id.eq(tenant.id))
        .count()
        .get_result(&mut conn(app))
        .unwrap()
}

/// A tenant on the Pro plan (4900 EUR cents a month, a 14-day trial).
pub fn tenant_on_pro(prefix: &str) -> TestTenant {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let slug = random_slug(prefix);
    let email = format!("owner@{slug}.example.com");
    provision_on_plan(&mut conn, slug, email, "pro").0
}
