//! Treatment plans over HTTP: sessions attended are the patient's
//! completed appointments since the start (and before completion), only
//! staff of the tenant reach plans, bad input is 422 naming the field, and
//! every request leaves one access row.

use chrono::{Duration, Utc};
use reqwest::header::AUTHORIZATION;
use serde_json::{json, Value};
use uuid::Uuid;

use super::records::*;
use crate::support::*;

async fn call(req: reqwest::RequestBuilder, auth: &str) -> (u16, Value) {
    json_of(req.header(AUTHORIZATION, auth).send().await.unwrap()).await
}

pub(crate) fn knee_plan(starts_on: &str) -> Value {
    json!({
        "goals": ["Climb stairs without pain", "Run 5 km"],
        "sessions_planned": 5,
        "exercises": [
            {"name": "Wall squat", "sets": 3, "repetitions": 12, "instructions": "Hold 5 seconds at the bottom"},
            {"name": "Straight leg raise", "sets": 2, "repetitions": 15}
        ],
        "starts_on": starts_on,
    })
}

#[tokio::test]
async fn a_plan_counts_the_patients_completed_appointments() {
    let app = spawn_app().await;
    let t = provision_tenant("plans-count");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Cora Count");
    let someone_else = new_patient(&app, &t, "Ed Else");
    let now = Utc::now();
    let start = (now - Duration::days(10)).date_naive();

    // Before the plan: does not count.
    appointment(&app, &t, patient, now - Duration::days(20), "completed");
    // Since its start: two attended, one cancelled, one missed.
    appointment(&app, &t, patient, now - Duration::days(8), "completed");
    appointment(&app, &t, patient, now - Duration::days(5), "completed");
    appointment(&app, &t, patient, now - Duration::days(4), "cancelled");
    appointment(&app, &t, patient, now - Duration::days(3), "no_show");
    // Another patient's visit.
    appointment(&app, &t, someone_else, now - Duration::days(2), "completed");

    let (status, plan) = call(
        app.post(&t.host, &format!("/api/v1/patients/{patient}/plans"))
            .json(&knee_plan(&start.to_string())),
        &auth,
    )
    .await;
    assert_eq!(status, 201, "{plan}");
    assert_eq!(plan["status"], "active");
    assert_eq!(plan["goals"][1], "Run 5 km");
    assert_eq!(plan["exercises"][0]["name"], "Wall squat");
    assert_eq!(plan["exercises"][0]["repetitions"], 12);
    assert_eq!(plan["exercises"][1]["instructions"], Value::Null);
    assert_eq!(
        (
            &plan["sessions_planned"],
            &plan["sessions_attended"],
            &plan["sessions_left"]
        ),
        (&json!(5), &json!(2), &json!(3))
    );
    let id = plan["id"].as_str().unwrap().to_string();

    // One more visit attended.
    appointment(&app, &t, patient, now - Duration::hours(3), "completed");
    let (status, read) = call(app.get(&t.host, &format!("/api/v1/plans/{id}")), &auth).await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["sessions_attended"], 3);
    assert_eq!(read["sessions_left"], 2);

    // Completed: later visits no longer count.
    let (status, done) = call(
        app.patch(&t.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"status": "completed"})),
        &auth,
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert!(done["completed_at"].is_string());
    appointment(&app, &t, patient, now + Duration::hours(1), "completed");
    let (_, list) = call(
        app.get(&t.host, &format!("/api/v1/patients/{patient}/plans")),
        &auth,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["sessions_attended"], 3);
    assert_eq!(list["items"][0]["version"], 2);

    // Fewer planned than attended leaves none, not a negative number.
    let (_, fewer) = call(
        app.patch(&t.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"sessions_planned": 1, "review_on": null})),
        &auth,
    )
    .await;
    assert_eq!(fewer["sessions_left"], 0, "{fewer}");
}

#[tokio::test]
async fn bad_plans_are_422_naming_each_field() {
    let app = spawn_app().await;
    let t = provision_tenant("plans-bad");
    let auth = staff_bearer(&app, &t);
    let patient = new_patient(&app, &t, "Bo Bad");
    let path = format!("/api/v1/patients/{patient}/plans");
    let many: Vec<Value> = (0..51)
        .map(|i| json!({"name": format!("exercise {i}")}))
        .collect();
    let cases = [
        (json!({"sessions_planned": 0}), "sessions_planned"),
        (json!({}), "sessions_planned"),
        (
            json!({"sessions_planned": 3, "exercises": many}),
            "exercises",
        ),
        (
            json!({"sessions_planned": 3, "exercises": [{"name": " ", "sets": 2}]}),
            "exercises[0].name",
        ),
        (
            json!({"sessions_planned": 3, "exercises": [{"name": "Squat", "sets": 1000}]}),
            "exercises[0].sets",
        ),
        (
            json!({"sessions_planned": 3, "goals": ["a\u{0}"]}),
            "goals[0]",
        ),
        (
            json!({"sessions_planned": 3, "starts_on": "2026-05-02", "review_on": "2026-05-01"}),
            "review_on",
        ),
        (
            json!({"sessions_planned": 3, "starts_on": "0001-01-01"}),
            "starts_on",
        ),
    ];
    for (body, field) in cases {
        let (status, problem) = call(app.post(&t.host, &path).json(&body), &auth).await;
        assert_eq!(status, 422, "{body}: {problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    let (status, plan) = call(
        app.post(&t.host, &path)
            .json(&json!({"sessions_planned": 3})),
        &auth,
    )
    .await;
    assert_eq!(status, 201, "{plan}");
    let id = plan["id"].as_str().unwrap();
    let (status, problem) = call(
        app.patch(&t.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"status": "paused"})),
        &auth,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "status");
}

#[tokio::test]
async fn only_staff_of_the_tenant_reach_plans_and_each_request_is_logged_once() {
    let app = spawn_app().await;
    let a = provision_tenant("plans-a");
    let b = provision_tenant("plans-b");
    let auth = staff_bearer(&app, &a);
    let patient = new_patient(&app, &a, "Pia Plan");
    let today = Utc::now().date_naive().to_string();

    let (status, plan) = call(
        app.post(&a.host, &format!("/api/v1/patients/{patient}/plans"))
            .json(&knee_plan(&today)),
        &auth,
    )
    .await;
    assert_eq!(status, 201, "{plan}");
    let id = plan["id"].as_str().unwrap().to_string();
    let mut n = one_more_row(&app, &a, patient, 0, "create_plan", true);
    call(
        app.get(&a.host, &format!("/api/v1/patients/{patient}/plans")),
        &auth,
    )
    .await;
    n = one_more_row(&app, &a, patient, n, "list_plans", true);
    call(app.get(&a.host, &format!("/api/v1/plans/{id}")), &auth).await;
    n = one_more_row(&app, &a, patient, n, "read_plan", true);
    call(
        app.patch(&a.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"goals": ["Walk"]})),
        &auth,
    )
    .await;
    n = one_more_row(&app, &a, patient, n, "update_plan", true);
    let (status, _) = call(
        app.patch(&a.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"sessions_planned": -1})),
        &auth,
    )
    .await;
    assert_eq!(status, 422);
    n = one_more_row(&app, &a, patient, n, "update_plan", false);

    // Customers of the tenant: 403, and no record reached.
    let email = unique_email("plan-customer");
    let login = customer_account(&app, &a, &email).await;
    let customer = format!("Bearer {}", login["access_token"].as_str().unwrap());
    for req in [
        app.get(&a.host, &format!("/api/v1/patients/{patient}/plans")),
        app.post(&a.host, &format!("/api/v1/patients/{patient}/plans"))
            .json(&knee_plan(&today)),
        app.get(&a.host, &format!("/api/v1/plans/{id}")),
        app.patch(&a.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"status": "completed"})),
    ] {
        let (status, problem) = call(req, &customer).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (403, Some("forbidden_role")),
            "{problem}"
        );
    }

    // Another tenant's staff: 404 for the plan and the patient.
    let other = staff_bearer(&app, &b);
    let (status, problem) = call(app.get(&b.host, &format!("/api/v1/plans/{id}")), &other).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("plan_not_found"))
    );
    let (status, _) = call(
        app.patch(&b.host, &format!("/api/v1/plans/{id}"))
            .json(&json!({"status": "completed"})),
        &other,
    )
    .await;
    assert_eq!(status, 404);
    let (status, problem) = call(
        app.get(&b.host, &format!("/api/v1/patients/{patient}/plans")),
        &other,
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("patient_not_found"))
    );
    let (status, _) = call(
        app.get(&a.host, &format!("/api/v1/plans/{}", Uuid::new_v4())),
        &auth,
    )
    .await;
    assert_eq!(status, 404);

    assert_eq!(access_rows(&app, &a, patient).len(), n);
    let (_, still) = call(app.get(&a.host, &format!("/api/v1/plans/{id}")), &auth).await;
    assert_eq!(still["status"], "active");
}
