//! The clinic's chart in a real Chromium: a staff member writes a note
//! and signs it through the forms alone (the pages have no script).
//! Ignored in ordinary runs, the patient list, the chart and the day's
//! appointments at phone and desktop widths in English and Arabic, as
//! PNGs in SCREENSHOTS_DIR (.screenshots/), to look at.

use chrono::{NaiveTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Timestamptz};
use identity::Role;
use serde_json::json;

use super::back_office::member;
use super::browser::{site_url, Browser};
use crate::clinics::records::{appointment, db, new_patient};
use crate::support::*;

async fn sign_in(b: &Browser, app: &TestApp, host: &str, email: &str) {
    b.goto(&site_url(app, host, "/admin/login")).await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.click("form.stack button[type=submit]").await;
    b.expect_path("/admin/calendar").await;
}

fn clinic_member(app: &TestApp, role: Role) -> (TestTenant, String) {
    let tenant = provision_tenant("clinic-browser");
    let email = unique_email("clinic-browser");
    member(&mut db(app), &tenant, &email, role);
    (tenant, email)
}

#[tokio::test]
async fn staff_write_and_sign_a_note_on_the_chart() {
    let app = spawn_app().await;
    let (tenant, email) = clinic_member(&app, Role::Staff);
    let patient = new_patient(&app, &tenant, "Ann Example");
    let Some(b) = Browser::start(1280).await else {
        return;
    };
    sign_in(&b, &app, &tenant.host, &email).await;

    // The patients from the back office's menu, then her chart.
    b.click(".admin-nav a[href='/admin/patients']").await;
    b.expect_path("/admin/patients").await;
    b.click(&format!("#patients a[href='/admin/patients/{patient}']"))
        .await;
    let chart = format!("/admin/patients/{patient}");
    b.expect_path(&chart).await;

    b.fill("#note-subjective", "Knee pain on stairs").await;
    b.click("#note-form button[type=submit]").await;
    b.expect_attr("li.note", "data-signed", "false").await;
    assert!(b.text("#notes").await.contains("Knee pain on stairs"));

    b.click("li.note button.sign").await;
    b.expect_attr("li.note", "data-signed", "true").await;
    assert_eq!(b.path().await, chart);
    assert!(b.text("#notice").await.contains("signed"));

    #[derive(QueryableByName)]
    struct Signed {
        #[diesel(sql_type = Nullable<Timestamptz>)]
        signed_at: Option<chrono::DateTime<Utc>>,
    }
    let signed: Signed = diesel::sql_query(format!(
        "SELECT signed_at FROM \"{}\".clinical_notes WHERE patient_id = $1",
        tenant.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(patient)
    .get_result(&mut db(&app))
    .unwrap();
    assert!(signed.signed_at.is_some());
    b.quit().await;
}

async fn shoot(b: &Browser, dir: &std::path::Path, name: &str, width: u32) {
    // Measured at a short window, so the last page's height does not stay.
    b.client.set_window_size(width, 600).await.unwrap();
    let height = b
        .client
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(900)
        .clamp(600, 5000) as u32
        + 120;
    b.client.set_window_size(width, height).await.unwrap();
    let png = b.client.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[tokio::test]
#[ignore = "writes PNGs; run with --ignored to look at the clinic's pages"]
async fn screenshots_of_the_clinic_pages() {
    let dir = std::path::PathBuf::from(
        std::env::var("SCREENSHOTS_DIR").unwrap_or_else(|_| ".screenshots".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let app = spawn_app().await;
    let (tenant, email) = clinic_member(&app, Role::Admin);
    let patient = new_patient(&app, &tenant, "Annabel Fairweather");
    for name in ["Zed Other", "Maryam Rahimi", "Jean-Pierre Dubois-Laurent"] {
        new_patient(&app, &tenant, name);
    }
    let today = Utc::now().date_naive();
    let at = today
        .and_time(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        .and_utc();
    appointment(&app, &tenant, patient, at, "confirmed");
    let staff = format!("Bearer {}", app.member_token(&tenant, Role::Staff));
    let api = |path: String, body: serde_json::Value| {
        let (app, staff, host) = (&app, staff.clone(), tenant.host.clone());
        async move {
            let res = app
                .post(&host, &path)
                .header(reqwest::header::AUTHORIZATION, staff)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            res.json::<serde_json::Value>().await.unwrap()
        }
    };
    let note = api(
        format!("/api/v1/patients/{patient}/notes"),
        json!({"visit_type": "follow_up", "subjective": "Knee pain on stairs, worse in the morning",
               "assessment": "Patellofemoral pain", "plan": "Strengthening, 6 sessions"}),
    )
    .await;
    let id = note["id"].as_str().unwrap();
    api(format!("/api/v1/notes/{id}/sign"), json!({})).await;
    api(
        format!("/api/v1/notes/{id}/amendments"),
        json!({"text": "Left knee, not right", "reason": "side"}),
    )
    .await;
    api(
        format!("/api/v1/patients/{patient}/notes"),
        json!({"subjective": "Better this week"}),
    )
    .await;
    api(
        format!("/api/v1/patients/{patient}/plans"),
        json!({"sessions_planned": 6, "starts_on": today.to_string(), "goals": ["Climb stairs without pain"],
               "exercises": [{"name": "Wall squat", "sets": 3, "repetitions": 12}, {"name": "Calf raise"}]}),
    )
    .await;

    let Some(b) = Browser::start(360).await else {
        return;
    };
    sign_in(&b, &app, &tenant.host, &email).await;
    let url = |path: &str| site_url(&app, &tenant.host, path);
    for lang in ["en", "ar"] {
        for width in [360, 1280] {
            b.goto(&url(&format!("/admin/patients?lang={lang}"))).await;
            shoot(&b, &dir, &format!("clinic-patients-{lang}-{width}"), width).await;
            b.goto(&url(&format!("/admin/patients/{patient}?lang={lang}")))
                .await;
            shoot(&b, &dir, &format!("clinic-chart-{lang}-{width}"), width).await;
            b.goto(&url(&format!(
                "/admin/appointments?date={today}&lang={lang}"
            )))
            .await;
            shoot(&b, &dir, &format!("clinic-day-{lang}-{width}"), width).await;
        }
    }
    b.quit().await;
}
