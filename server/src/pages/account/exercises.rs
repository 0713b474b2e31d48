//! The account page's exercises: when the signed-in customer is a patient
//! of the clinic, the exercises of their active treatment plans. Reading
//! them reads the patient's record, so it leaves an access row like any
//! other read (the patient as the accessor).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use clinics::audit::Accessor;
use clinics::plans::{self, Exercise, PlanError};
use kernel::error::AppError;
use uuid::Uuid;

use crate::api::clinics::audited;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Page, PageError};
use crate::telemetry::RequestId;

/// One exercise as a line of the page.
pub struct ExerciseRow {
    pub name: String,
    /// "Sets: 3", "Repetitions: 12", in the page's language, when given.
    pub dose: Vec<String>,
    pub instructions: Option<String>,
}

fn row(p: &Page, e: &Exercise) -> ExerciseRow {
    let mut dose = Vec::new();
    if let Some(sets) = e.sets {
        dose.push(p.t1(
            "account-exercise-sets",
            "count",
            p.fmt.number(i64::from(sets)),
        ));
    }
    if let Some(reps) = e.repetitions {
        dose.push(p.t1(
            "account-exercise-repetitions",
            "count",
            p.fmt.number(i64::from(reps)),
        ));
    }
    ExerciseRow {
        name: e.name.clone(),
        dose,
        instructions: e.instructions.clone(),
    }
}

fn accessor(req: &HttpRequest, customer_id: Uuid) -> Accessor {
    let ip = ClientAddr::from_request(req, &mut Payload::None)
        .into_inner()
        .ok()
        .and_then(|ClientAddr(ip)| ip)
        .map(|ip| ip.to_string());
    Accessor {
        id: customer_id,
        role: "customer".to_string(),
        ip,
        request_id: req.extensions().get::<RequestId>().map(|r| r.0.clone()),
    }
}

/// The exercises of the customer's active plans, or None when the
/// customer is no patient here (the page then shows no such section).
pub async fn of_customer(
    p: &Page,
    tenant: &CurrentTenant,
    req: &HttpRequest,
    customer_id: Uuid,
) -> Result<Option<Vec<ExerciseRow>>, PageError> {
    let patient = tenant
        .run(&p.state, move |conn| {
            Ok::<_, AppError>(plans::patient_of_customer(conn, customer_id)?)
        })
        .await
        .map_err(|e| p.fail(e))?;
    let Some(patient) = patient else {
        return Ok(None);
    };
    let who = accessor(req, customer_id);
    let active = audited(
        &p.state,
        tenant,
        &who,
        "read_own_plan",
        patient,
        move |conn| plans::active(conn, patient),
    )
    .await
    .map_err(|e: PlanError| p.fail(e))?;
    Ok(Some(
        active
            .iter()
            .flat_map(|plan| plan.exercises.iter())
            .map(|e| row(p, e))
            .collect(),
    ))
}
