//! Offline sync for the clinic's mobile app: staff pull what changed since
//! their cursor and push what they changed offline. Each request leaves
//! one access row per patient whose record it carried, in its own
//! transaction (see `clinics::sync` for the change feed's design).

use actix_web::{web, HttpResponse};
use clinics::audit;
use clinics::sync::{self, PullPage, PushBody, PushResult, SyncError};
use serde::Deserialize;
use uuid::Uuid;

use super::located::ClinicStaff;
use crate::extract::CurrentTenant;
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(PullProblems {
    400 => [invalid_cursor, invalid_limit],
    403 => [forbidden_role],
});
problems!(PushProblems {
    403 => [forbidden_role],
    413 => [body_too_large],
    422 => [validation_failed, invalid_body],
});

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// `cursor` of the previous pull; left out, the feed from its start.
    pub since: Option<String>,
    /// 1 to 200; 100 when left out.
    pub limit: Option<i64>,
}

/// The patients, notes and plans created, changed (archiving included) or
/// deleted since the cursor, oldest change first, each once and whole.
/// No committed change is ever passed over: a change whose transaction
/// was still running at one pull comes with a later one.
#[utoipa::path(get, path = "/sync/pull", tag = "clinic", operation_id = "sync_pull",
    params(PullQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "A page of changes and the cursor to pull on from",
        body = PullPage), PullProblems))]
pub async fn pull(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<PullQuery>,
) -> ApiResult<HttpResponse> {
    let PullQuery { since, limit } = query.into_inner();
    let who = me.who;
    let page = tenant
        .run(&state, move |conn| {
            let (page, reached) = sync::pull(conn, since.as_deref(), limit)?;
            let reached: Vec<Uuid> = reached.into_iter().collect();
            audit::record_all(conn, &who, "sync_pull", &reached, true)?;
            Ok::<_, SyncError>(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Applies up to 100 changes made offline, in order, in one transaction
/// (a body of up to 4 MiB).
/// Each gets its own answer: `applied` (its new version), `conflict` (it
/// changed since `base_version`: nothing written, the record as it is) or
/// `rejected` (with the code its own route would answer, e.g.
/// `note_signed` or `validation_failed`).
#[utoipa::path(post, path = "/sync/push", tag = "clinic", operation_id = "sync_push",
    request_body = PushBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "One result per change, in the order sent",
        body = PushResult), PushProblems))]
pub async fn push(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    body: web::Json<PushBody>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let (tenant_id, staff_id) = (tenant.id, me.user.user_id);
    let who = me.who;
    let result = tenant
        .run(&state, move |conn| {
            let (result, reached) = sync::push(conn, tenant_id, staff_id, body)?;
            let reached: Vec<Uuid> = reached.into_iter().collect();
            audit::record_all(conn, &who, "sync_push", &reached, true)?;
            Ok::<_, SyncError>(result)
        })
        .await?;
    Ok(HttpResponse::Ok().json(result))
}

/// A push may carry up to 100 notes of up to 100,000 characters of text
/// each: far above the server-wide body limit, which a phone coming back
/// online with a day's notes would otherwise meet.
pub const PUSH_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_pull, pull)
        .add(__path_push, push)
        .body_limit(__path_push, PUSH_BODY_LIMIT);
}
