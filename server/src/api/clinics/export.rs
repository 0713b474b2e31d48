//! GET /api/v1/patients/{id}/export: the patient's whole record as one
//! JSON document (see `clinics::export` for its sections), for the site's
//! owner, admins and staff; audited as `export`.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpResponse};

use super::patients::patient_id;
use super::{audited, staff_only};
use crate::extract::{Audited, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use clinics::export::{self, PatientExport};

problems!(ExportProblems { 404 => [patient_not_found] });

#[utoipa::path(get, path = "/patients/{id}/export", tag = "clinic", operation_id = "export_patient",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses(
        (status = 200, description = "The export, as an attachment", body = PatientExport,
            headers(("Content-Disposition" = String, description = "attachment; filename=patient-<code>.json"))),
        ExportProblems))]
pub async fn export(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&audit.user)?;
    let id = patient_id(&path)?;
    let owner = tenant.0.clone();
    let document = audited(&state, &tenant, &audit.who, "export", id, move |conn| {
        export::gather(conn, &owner, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "patient-{}.json",
                document.patient.code
            ))],
        })
        .insert_header(("Cache-Control", "private, no-store"))
        .json(document))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_export, export);
}
