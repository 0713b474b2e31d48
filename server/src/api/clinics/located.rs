//! What the clinic's note and plan routes share: the staff check, and the
//! audited runner for routes that name a thing on a patient's record (a
//! note, a plan) rather than the patient.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use clinics::audit::{self, Accessor};
use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::{Audited, CurrentTenant};
use crate::problem::ApiError;
use crate::state::AppState;

/// A signed-in owner, admin or staff member of the site, with what the
/// access audit records of them. Anyone else is 403 `forbidden_role`
/// before the body is read or any record reached.
pub struct ClinicStaff(pub Audited);

impl FromRequest for ClinicStaff {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let audited = Audited::from_request(req, payload);
        Box::pin(async move {
            let audited = audited.await?;
            super::staff_only(&audited.user)?;
            Ok(ClinicStaff(audited))
        })
    }
}

/// Like `super::audited`, in one transaction, for a route that names a
/// thing on a record: `locate` finds the patient the thing belongs to,
/// then `op` runs and the access to that patient is recorded as the last
/// statement. When `locate` finds nothing, nothing was reached and no row
/// is written; when `op` fails after it, its transaction is rolled back
/// and the failed access is recorded in one of its own. Either way, one
/// row per request.
pub async fn audited_on<T, E, L, F>(
    state: &AppState,
    tenant: &CurrentTenant,
    who: &Accessor,
    action: &'static str,
    locate: L,
    op: F,
) -> Result<T, E>
where
    L: FnOnce(&mut diesel::PgConnection) -> Result<Uuid, E> + Send + 'static,
    F: FnOnce(&mut diesel::PgConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<AppError> + From<diesel::result::Error> + Send + 'static,
{
    let accessor = who.clone();
    let reached: Arc<OnceLock<Uuid>> = Arc::default();
    let seen = reached.clone();
    let result = tenant
        .run(state, move |conn| {
            let patient_id = locate(conn)?;
            let _ = seen.set(patient_id);
            let value = op(conn)?;
            audit::record(conn, &accessor, action, patient_id, true)?;
            Ok(value)
        })
        .await;
    if let (Err(_), Some(&patient_id)) = (&result, reached.get()) {
        let accessor = who.clone();
        tenant
            .run(state, move |conn| {
                audit::record(conn, &accessor, action, patient_id, false).map_err(E::from)
            })
            .await?;
    }
    result
}
