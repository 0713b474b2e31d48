//! Paying for a plan: the owner is sent to the provider's hosted checkout,
//! which comes back to the tenant's own site when done or abandoned. The
//! subscription changes only when the provider's event says it was paid.

use diesel::prelude::*;

use crate::plans::{find_plan, list_plans, Plan};
use crate::provider::{CheckoutRequest, PaymentProvider, ProviderError};
use kernel::error::AppError;

/// The plan a checkout is for; an unknown code is a 422 naming the plans.
pub fn plan_to_buy(conn: &mut PgConnection, code: &str) -> Result<Plan, AppError> {
    let code = code.trim();
    // A NUL is no text PostgreSQL stores: such a code is simply unknown.
    let plausible = !code.is_empty() && code.len() <= 64 && !code.contains('\0');
    if plausible {
        if let Some(plan) = find_plan(conn, code)? {
            return Ok(plan);
        }
    }
    let codes: Vec<String> = list_plans(conn)?.into_iter().map(|p| p.code).collect();
    Err(AppError::invalid(
        "plan",
        format!(
            "there is no plan {code:?}; the plans are: {}",
            codes.join(", ")
        ),
    )
    .with("plans", codes))
}

/// Opens the provider's checkout for `plan`; `site_url` is the tenant's
/// site (`https://acme.example.com`), where the buyer comes back to.
pub fn open(
    provider: &dyn PaymentProvider,
    plan: &Plan,
    tenant_slug: &str,
    site_url: &str,
) -> Result<String, ProviderError> {
    let success_url = format!("{site_url}/admin/billing?billing=success");
    let cancel_url = format!("{site_url}/admin/billing?billing=cancel");
    provider.create_checkout_session(&CheckoutRequest {
        tenant_slug,
        plan_code: &plan.code,
        plan_name: &plan.name,
        price_cents: plan.price_cents,
        currency: &plan.currency,
        interval: plan.interval.as_str(),
        success_url: &success_url,
        cancel_url: &cancel_url,
    })
}
