//! Card payments of clinic invoices through the tenant's payment provider,
//! the one its shop uses: staff start one (`POST /invoices/{id}/pay`), the
//! provider's webhook records it. The clinic's crate and the shop's do not
//! know each other; they meet here.
//!
//! Only staff start a payment: patients have no view of their invoices
//! yet, so there is nothing a signed-in patient would pay from.

use actix_web::{web, HttpResponse};
use billing::events::Event;
use clinics::audit;
use clinics::invoices::card::{self, ProviderOutcome};
use diesel::PgConnection;
use kernel::error::AppError;
use stores::payments::start::{self, PayAnswer};
use stores::payments::webhook::PAYMENT_SUCCEEDED;
use stores::payments::{Outcome, PaymentOrder};
use uuid::Uuid;

use super::invoices::invoice_of;
use super::{audited, staff_only};
use crate::extract::{Audited, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(StartProblems {
    404 => [invoice_not_found],
    409 => [invoice_not_issued, invoice_void, invoice_paid],
    502 => [payment_provider_error],
    503 => [payments_not_configured],
});

/// The access row's action, by hand or through the provider alike.
const RECORD_PAYMENT: &str = "record_payment";

/// What the provider is asked for: what the invoice still owes, named in
/// the intent's metadata so the webhook finds the invoice.
fn payment_of(payable: card::Payable) -> PaymentOrder {
    PaymentOrder {
        metadata: vec![
            (card::METADATA_KEY, payable.invoice_id.to_string()),
            ("clinic_invoice_number", payable.number),
        ],
        // The amount is in the key: a retry asks for the same intent, and
        // a start after a payment by hand asks for a new one of the rest.
        idempotency_key: format!(
            "clinic-invoice-{}-{}",
            payable.invoice_id, payable.owed_cents
        ),
        amount_cents: payable.owed_cents,
        currency: payable.currency,
    }
}

/// Starts a payment of what an issued invoice still owes, through the
/// tenant's payment provider: the manual provider's instructions, or a
/// card payment intent to confirm in the patient's browser (or the
/// clinic's card terminal page). The invoice is paid once the provider's
/// webhook says the money came, not by this call.
#[utoipa::path(post, path = "/invoices/{id}/pay", tag = "clinic", operation_id = "start_clinic_invoice_payment",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "How to pay what the invoice still owes", body = PayAnswer),
        StartProblems))]
pub async fn start(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let api_url = state.settings.stores.payments_api_url.clone();
    let plan = audited(
        &state,
        &tenant,
        &who,
        "start_payment",
        patient,
        move |conn| -> Result<_, AppError> {
            let payable = card::payable(conn, id)?;
            Ok(start::prepare_payment(conn, payment_of(payable), &api_url)?)
        },
    )
    .await?;
    // The provider is called once the transaction has ended.
    let answer = web::block(move || plan.start())
        .await
        .map_err(|e| AppError::internal(format!("blocking task failed: {e}")))??;
    Ok(HttpResponse::Ok().json(answer))
}

/// Applies an accepted provider event that names a clinic invoice, in the
/// transaction that recorded the event; None when it names none (the
/// shop's then). A payment that reached a patient's invoice leaves its
/// access row, as one recorded by hand does, with the provider as actor.
pub fn apply_event(conn: &mut PgConnection, event: &Event) -> Option<Result<Outcome, AppError>> {
    let invoice = card::invoice_named(&event.object)?;
    Some(apply_to_invoice(conn, event, invoice))
}

fn apply_to_invoice(
    conn: &mut PgConnection,
    event: &Event,
    invoice: Uuid,
) -> Result<Outcome, AppError> {
    if event.kind != PAYMENT_SUCCEEDED {
        return Ok(Outcome::Ignored);
    }
    let (outcome, patient) = card::record_provider_payment(conn, invoice, &event.object)?;
    if let Some(patient) = patient {
        let provider = audit::payment_provider(&event.id);
        let recorded = outcome == ProviderOutcome::Recorded;
        audit::record(conn, &provider, RECORD_PAYMENT, patient, recorded)?;
    }
    Ok(match outcome {
        ProviderOutcome::Recorded => Outcome::Applied,
        ProviderOutcome::Ignored => Outcome::Ignored,
        ProviderOutcome::AmountMismatch => Outcome::AmountMismatch,
        ProviderOutcome::RefundNeeded => Outcome::RefundNeeded,
    })
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_start, start);
}
