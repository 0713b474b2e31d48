//! The clinic's figures for staff: no-shows per staff member, and (plan
//! feature `reports`) visits, new patients, revenue and no-shows per week
//! or month. Aggregates over many patients reach no one's record, so they
//! leave no access row.

use actix_web::{web, HttpResponse};
use clinics::reports::{self, NoShowQuery, NoShows, Report, ReportQuery};

use super::located::ClinicStaff;
use crate::extract::CurrentTenant;
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(NoShowProblems { 422 => [validation_failed] });
problems!(ReportProblems {
    403 => [feature_not_in_plan],
    422 => [validation_failed],
});

/// Per staff member, the patients' appointments that started in the range
/// (the site's calendar days, at most 731) and how many were missed.
#[utoipa::path(get, path = "/clinic/no-shows", tag = "clinic", operation_id = "clinic_no_shows",
    params(NoShowQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "No-shows per staff member", body = NoShows),
        NoShowProblems))]
pub async fn no_shows(
    ClinicStaff(_me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<NoShowQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let answer = tenant
        .run(&state, move |conn| {
            reports::no_shows(conn, &query).map_err(kernel::error::AppError::from)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Per week or month of the site's calendar: visits (completed
/// appointments), new patients, revenue per currency (payments taken on
/// clinic invoices) and no-shows. `staff_id` narrows visits and no-shows.
#[utoipa::path(get, path = "/clinic/reports", tag = "clinic", operation_id = "clinic_report",
    params(ReportQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The report, one bucket per period", body = Report),
        ReportProblems))]
pub async fn report(
    ClinicStaff(_me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let tenant_id = tenant.id;
    let answer = tenant
        .run(&state, move |conn| {
            billing::require_feature(conn, tenant_id, billing::Feature::Reports)?;
            reports::report(conn, &query).map_err(kernel::error::AppError::from)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_no_shows, no_shows)
        .add(__path_report, report);
}
