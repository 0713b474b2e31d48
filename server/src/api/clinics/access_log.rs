//! GET /api/v1/patients/{id}/access-log: who read or changed the record,
//! newest first, for the site's owner and admins. Reading the log is not
//! itself an access to the record (it shows none of the record's content),
//! so it leaves no row: otherwise every look at the log would grow it.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::patients::patient_id;
use crate::extract::{AdminUser, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use clinics::audit::{self, AccessEntry};
use clinics::patients::PatientError;
use kernel::error::AppError;

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

problems!(LogProblems {
    400 => [invalid_cursor, invalid_limit],
    404 => [patient_not_found],
});

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LogQuery {
    /// Page size, 50 when left out.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, as it was given.
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccessLogPage {
    pub items: Vec<AccessEntry>,
    /// Pass as `cursor` for older rows; null on the last page.
    pub next_cursor: Option<String>,
}

/// The cursor is the id of the last row shown: rows only ever grow, so the
/// next page is every older row.
fn before(raw: Option<&str>) -> Result<Option<i64>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or_else(|| {
                AppError::bad_request(
                    "invalid_cursor",
                    "The cursor is not one this API handed out; use next_cursor from the \
                     previous page as is, or leave it out to start from the newest.",
                )
            }),
    }
}

#[utoipa::path(get, path = "/patients/{id}/access-log", tag = "clinic", operation_id = "patient_access_log",
    params(("id" = Uuid, Path, description = "The patient's id"), LogQuery),
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "One page, newest first", body = AccessLogPage), LogProblems))]
pub async fn access_log(
    _admin: AdminUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LogQuery>,
) -> ApiResult<HttpResponse> {
    let id = patient_id(&path)?;
    let query = query.into_inner();
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::bad_request(
            "invalid_limit",
            format!("limit must be between 1 and {MAX_LIMIT}; it was {limit}."),
        )
        .into());
    }
    let before = before(query.cursor.as_deref())?;
    let mut items = tenant
        .run(&state, move |conn| {
            audit::list(conn, id, before, limit + 1)?.ok_or(PatientError::NotFound)
        })
        .await?;
    let shown = usize::try_from(limit).unwrap_or(usize::MAX);
    let next_cursor = if items.len() > shown {
        items.truncate(shown);
        items.last().map(|e| e.id.to_string())
    } else {
        None
    };
    Ok(HttpResponse::Ok().json(AccessLogPage { items, next_cursor }))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_access_log, access_log);
}
