//! The account page of a customer who is a patient of the clinic: the
//! exercises of their active treatment plans, in their language, read
//! with an access row like any read of their record.

use diesel::prelude::*;
use diesel::sql_types::Text;
use reqwest::header::AUTHORIZATION;
use serde_json::json;

use super::sessions::{page, page_login};
use crate::clinics::records::{
    access_rows, db, link_customer, new_patient, staff_bearer, AccessRow,
};
use crate::support::*;

#[tokio::test]
async fn a_patient_sees_the_exercises_of_their_active_plans() {
    let app = spawn_app().await;
    let t = provision_tenant("plan-page");
    let staff = staff_bearer(&app, &t);
    let email = unique_email("patient-page");
    customer_account(&app, &t, &email).await;
    let patient = new_patient(&app, &t, "Ann Example");
    link_customer(&app, &t, patient, &email);
    let today = chrono::Utc::now().date_naive().to_string();
    let plan = |exercises: serde_json::Value| {
        app.post(&t.host, &format!("/api/v1/patients/{patient}/plans"))
            .header(AUTHORIZATION, &staff)
            .json(&json!({"sessions_planned": 6, "starts_on": today, "exercises": exercises}))
    };
    let res = plan(json!([
        {"name": "Wall squat", "sets": 3, "repetitions": 12, "instructions": "Hold <5> seconds"},
        {"name": "Calf raise"}
    ]))
    .send()
    .await
    .unwrap();
    assert_eq!(res.status(), 201);
    let (_, old) = json_of(plan(json!([{"name": "Old stretch"}])).send().await.unwrap()).await;
    let res = app
        .patch(
            &t.host,
            &format!("/api/v1/plans/{}", old["id"].as_str().unwrap()),
        )
        .header(AUTHORIZATION, &staff)
        .json(&json!({"status": "completed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let before = access_rows(&app, &t, patient).len();

    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    let (status, html, _) = page(&app, &t.host, "/account?lang=en", &cookies).await;
    assert_eq!(status, 200);
    let section = html.split("id=\"exercises-title\"").nth(1).expect(&html);
    assert!(section.contains("My exercises"), "{section}");
    assert!(section.contains("Wall squat"), "{section}");
    // Fluent isolates the numbers it is given (U+2068 .. U+2069).
    assert!(section.contains("Sets: \u{2068}3\u{2069}"), "{section}");
    assert!(
        section.contains("Repetitions: \u{2068}12\u{2069}"),
        "{section}"
    );
    assert!(
        section.contains("Hold &#60;5&#62; seconds"),
        "escaped: {section}"
    );
    assert!(section.contains("Calf raise"), "{section}");
    assert!(
        !html.contains("Old stretch"),
        "a completed plan's exercise shows"
    );
    // The title is text only (it once held the orders' list).
    let title = html
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(!title.contains('<'), "{title}");

    // The read is on the patient's record: one row, the patient as reader.
    let rows = access_rows(&app, &t, patient);
    assert_eq!(rows.len(), before + 1);
    assert_eq!(
        rows.last().unwrap(),
        &AccessRow {
            action: "read_own_plan".into(),
            succeeded: true
        }
    );
    #[derive(QueryableByName)]
    struct Role {
        #[diesel(sql_type = Text)]
        actor_role: String,
    }
    let role: Role = diesel::sql_query(format!(
        "SELECT actor_role FROM \"{}\".patient_access_log ORDER BY id DESC LIMIT 1",
        t.schema
    ))
    .get_result(&mut db(&app))
    .unwrap();
    assert_eq!(role.actor_role, "customer");

    let (_, html, _) = page(&app, &t.host, "/account?lang=fr", &cookies).await;
    assert!(html.contains("Mes exercices"), "{html}");
    assert!(html.contains("Séries"), "{html}");
}

#[tokio::test]
async fn a_customer_who_is_no_patient_sees_no_exercises() {
    let app = spawn_app().await;
    let t = provision_tenant("plan-none");
    let email = unique_email("not-patient");
    customer_account(&app, &t, &email).await;
    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    let (status, html, _) = page(&app, &t.host, "/account", &cookies).await;
    assert_eq!(status, 200);
    assert!(!html.contains("exercises-title"), "{html}");

    // A patient with no plan: the section says there is nothing yet.
    let email = unique_email("patient-no-plan");
    customer_account(&app, &t, &email).await;
    let patient = new_patient(&app, &t, "Ann Example");
    link_customer(&app, &t, patient, &email);
    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    let (_, html, _) = page(&app, &t.host, "/account", &cookies).await;
    assert!(html.contains("id=\"no-exercises\""), "{html}");
}
