//! A patient's appointments: staff book one for the patient (through the
//! bookings crate's create operation) and list them with the patient's
//! attendance. Each request leaves one access row on the patient's record.

use actix_web::{web, HttpRequest, HttpResponse};
use clinics::appointments::{
    self, Appointment, AppointmentError, AppointmentsPage, BookBody, ListQuery,
};
use uuid::Uuid;

use super::located::ClinicStaff;
use crate::extract::{CurrentTenant, RequestSite};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(BookProblems {
    404 => [patient_not_found, service_not_found, staff_not_found],
    409 => [patient_archived, patient_busy, slot_unavailable],
    422 => [slot_not_offered, validation_failed],
});
problems!(ListProblems {
    404 => [patient_not_found],
    422 => [validation_failed],
});

/// A malformed id names nothing: the same 404 as an unknown one.
fn patient_id(raw: &str) -> Result<Uuid, AppointmentError> {
    Uuid::parse_str(raw).map_err(|_| AppointmentError::PatientNotFound)
}

/// Books the slot for the patient, confirmed at once, with the mails and
/// webhooks of any booking. A patient who is no customer yet becomes one
/// (by their email: 422 naming `email` when they have none). 409
/// `patient_busy` when the patient already holds an overlapping
/// appointment, whichever staff member it is with.
#[utoipa::path(post, path = "/patients/{id}/appointments", tag = "clinic",
    operation_id = "book_appointment",
    params(("id" = Uuid, Path, description = "The patient's id")),
    request_body = BookBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The patient's new appointment", body = Appointment),
        BookProblems))]
pub async fn book(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    http: HttpRequest,
    path: web::Path<String>,
    body: web::Json<BookBody>,
) -> ApiResult<HttpResponse> {
    let patient = patient_id(&path)?;
    let site = RequestSite::of(&http)?.0;
    let staff = me.user.clone();
    let body = body.into_inner();
    let appointment = super::audited(
        &state,
        &tenant,
        &me.who,
        "book_appointment",
        patient,
        move |conn| appointments::book(conn, &site, &staff, patient, body),
    )
    .await?;
    Ok(HttpResponse::Created().json(appointment))
}

#[utoipa::path(get, path = "/patients/{id}/appointments", tag = "clinic",
    operation_id = "list_appointments",
    params(("id" = Uuid, Path, description = "The patient's id"), ListQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200,
        description = "Upcoming and past appointments, newest first, and the patient's attendance",
        body = AppointmentsPage), ListProblems))]
pub async fn list(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let patient = patient_id(&path)?;
    let query = query.into_inner();
    let page = super::audited(
        &state,
        &tenant,
        &me.who,
        "list_appointments",
        patient,
        move |conn| appointments::list(conn, patient, &query),
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_book, book).add(__path_list, list);
}
