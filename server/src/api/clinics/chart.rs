//! GET /api/v1/patients/{id}/chart: what a clinician opens before a visit
//! (the record, the latest notes, active plans, appointments to come and
//! attendance) in one transaction that leaves one access row.

use actix_web::{web, HttpResponse};
use clinics::chart::{self, Chart};

use super::patients::patient_id;
use super::{audited_by_op, staff_only};
use crate::extract::{Audited, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

/// The access log's word for a chart read.
const READ_CHART: &str = "read_chart";

problems!(ChartProblems { 404 => [patient_not_found] });

#[utoipa::path(get, path = "/patients/{id}/chart", tag = "clinic", operation_id = "get_patient_chart",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The patient's chart", body = Chart), ChartProblems))]
pub async fn get(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&audit.user)?;
    let id = patient_id(&path)?;
    let chart = audited_by_op(
        &state,
        &tenant,
        &audit.who,
        READ_CHART,
        id,
        move |conn, who| chart::read(conn, id, who, READ_CHART),
    )
    .await?;
    Ok(HttpResponse::Ok().json(chart))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_get, get);
}
