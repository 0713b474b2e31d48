//! The clinic's API: patients and everything on their record, the access
//! log, reports and offline sync. Every handler that reaches a patient's
//! record runs through [`audited`], which leaves the one access row the
//! request owes.

use clinics::audit::{self, Accessor};
use identity::AuthUser;
use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::openapi::ApiRoutes;
use crate::state::AppState;

mod access_log;
mod appointments;
mod chart;
mod documents;
mod export;
pub(crate) mod invoice_payments;
mod invoices;
mod located;
mod notes;
mod patients;
mod plans;
mod reports;
mod sync;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(patients::routes)
        .mount(chart::routes)
        .mount(access_log::routes)
        .mount(export::routes)
        .mount(notes::routes)
        .mount(plans::routes)
        .mount(documents::routes)
        .mount(invoices::routes)
        .mount(invoice_payments::routes)
        .mount(sync::routes)
        .mount(appointments::routes)
        .mount(reports::routes);
}

/// Patients' records are for the site's owner, admins and staff; `Audited`
/// lets any signed-in role through (a customer may reach their own plan),
/// so staff routes check here, before anything is reached. The one staff
/// check of the clinic's routes (`ClinicStaff` runs it too).
pub fn staff_only(user: &AuthUser) -> Result<(), AppError> {
    if user.role.is_staff() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "forbidden_role",
            "Only the site's owner, admins and staff may reach patients' records.",
        ))
    }
}

/// Runs `op` in the tenant's transaction and records the access to
/// `patient_id` as its last statement. When `op` fails its transaction is
/// rolled back, and the failed access is recorded in one of its own. No row
/// is written when the patient does not exist (nothing was reached).
pub async fn audited<T, E, F>(
    state: &AppState,
    tenant: &CurrentTenant,
    who: &Accessor,
    action: &'static str,
    patient_id: Uuid,
    op: F,
) -> Result<T, E>
where
    F: FnOnce(&mut diesel::PgConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<AppError> + From<diesel::result::Error> + Send + 'static,
{
    audited_by_op(state, tenant, who, action, patient_id, move |conn, who| {
        let value = op(conn)?;
        audit::record(conn, who, action, patient_id, true)?;
        Ok(value)
    })
    .await
}

/// Like [`audited`], for an `op` that writes the access row itself, in the
/// statement that reads the record (`audit::logged`); it is handed who
/// reaches the record. A failure is recorded as `audited` records it.
pub async fn audited_by_op<T, E, F>(
    state: &AppState,
    tenant: &CurrentTenant,
    who: &Accessor,
    action: &'static str,
    patient_id: Uuid,
    op: F,
) -> Result<T, E>
where
    F: FnOnce(&mut diesel::PgConnection, &Accessor) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<AppError> + From<diesel::result::Error> + Send + 'static,
{
    let accessor = who.clone();
    let result = tenant.run(state, move |conn| op(conn, &accessor)).await;
    if result.is_err() {
        let accessor = who.clone();
        tenant
            .run(state, move |conn| {
                audit::record(conn, &accessor, action, patient_id, false).map_err(E::from)
            })
            .await?;
    }
    result
}

/// The back-office pages audit a note or document named by its own id
/// through the very runner the API uses.
pub use located::audited_on;
