//! The clinic's chart in a real Chromium: a staff member writes a note
//! and signs it through the forms alone (the pages have no script); the
//! whole chart, every form open, fits a phone's width in English and
//! Arabic; the reports page, from the patients' page, never wider than a
//! phone.
//! Ignored in ordinary runs, the patient list, the chart, the day's
//! appointments and the reports at phone and desktop widths in English
//! and Arabic (the reports in Persian too), as PNGs in SCREENSHOTS_DIR
//! (.screenshots/), to look at.

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

/// How far the page reaches past the window's width (0: no sideways
/// scrolling).
async fn overflow(b: &Browser) -> i64 {
    b.client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_reports_open_from_the_patients_and_fit_a_phone_in_arabic() {
    let app = spawn_app().await;
    let (tenant, email) = clinic_member(&app, Role::Staff);
    let patient = new_patient(&app, &tenant, "Ann Example");
    let at = Utc::now()
        .date_naive()
        .and_time(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        .and_utc();
    appointment(&app, &tenant, patient, at, "completed");
    let Some(b) = Browser::phone(390).await else {
        return;
    };
    sign_in(&b, &app, &tenant.host, &email).await;
    b.click(".admin-nav a[href='/admin/patients']").await;
    b.click("#reports-link").await;
    b.expect_path("/admin/reports").await;
    assert!(b.text("#report-table").await.contains('1'));

    // The week's form, sent by its button alone.
    b.goto(&site_url(
        &app,
        &tenant.host,
        "/admin/reports?lang=ar&period=week",
    ))
    .await;
    b.click("#report-form button[type=submit]").await;
    // The form answers on the same path: wait for its own query (the
    // page it left had none of `from`), not just the path.
    let mut sent = false;
    for _ in 0..100 {
        let url = b.client.current_url().await.unwrap();
        if url.path() == "/admin/reports" && url.query().is_some_and(|q| q.contains("from=")) {
            sent = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(sent, "the form was not sent");
    assert!(b.text("#report-title").await.contains("التقارير"));
    assert_eq!(
        overflow(&b).await,
        0,
        "the page scrolls sideways on a phone"
    );
    b.quit().await;
}

#[tokio::test]
async fn the_whole_chart_fits_a_phone_without_scrolling_sideways() {
    let app = spawn_app().await;
    let (tenant, email) = clinic_member(&app, Role::Staff);
    let patient = new_patient(&app, &tenant, "Jean-Pierre Dubois-Laurent");
    let now = Utc::now();
    appointment(
        &app,
        &tenant,
        patient,
        now + chrono::Duration::days(2),
        "confirmed",
    );
    appointment(
        &app,
        &tenant,
        patient,
        now - chrono::Duration::days(3),
        "no_show",
    );
    let staff = format!("Bearer {}", app.member_token(&tenant, Role::Staff));
    for (path, body) in [
        (
            format!("/api/v1/patients/{patient}/plans"),
            json!({"sessions_planned": 6, "goals": ["Climb the stairs at home without pain or a rail"],
                   "exercises": [{"name": "Wall squat", "sets": 3, "repetitions": 12,
                                  "instructions": "Back flat against the wall, knees over the toes"}]}),
        ),
        (
            format!("/api/v1/patients/{patient}/invoices"),
            json!({"currency": "EUR", "tax_percent": 20,
                   "lines": [{"description": "Initial assessment", "quantity": 1, "unit_price_cents": 6000}]}),
        ),
    ] {
        let res = app
            .post(&tenant.host, &path)
            .header(reqwest::header::AUTHORIZATION, &staff)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }
    let Some(b) = Browser::phone(390).await else {
        return;
    };
    sign_in(&b, &app, &tenant.host, &email).await;
    for lang in ["en", "ar"] {
        b.goto(&site_url(
            &app,
            &tenant.host,
            &format!("/admin/patients/{patient}?lang={lang}"),
        ))
        .await;
        let widths = b
            .client
            .execute(
                "document.querySelectorAll('details').forEach(d => { d.open = true; });
                 const e = document.documentElement;
                 return [e.scrollWidth, e.clientWidth];",
                vec![],
            )
            .await
            .unwrap();
        let (scroll, client) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
        assert!(
            client <= 390,
            "measured at a phone's width, not {client} px"
        );
        assert!(scroll <= client, "{lang}: {scroll} px wide in {client} px");
        // The sections measured are there: a wide table, a long form.
        assert!(b
            .text("#upcoming-appointments")
            .await
            .contains("Physiotherapy"));
        assert!(b.text("#invoices").await.contains("EUR"));
    }
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
    // Months of visits and a no-show, for the reports' chart.
    for (months_back, visits) in [(1, 3), (2, 5), (3, 2), (5, 6), (7, 4)] {
        let day = at - chrono::Duration::days(30 * months_back);
        for k in 0..visits {
            appointment(
                &app,
                &tenant,
                patient,
                day + chrono::Duration::days(k),
                "completed",
            );
        }
    }
    appointment(
        &app,
        &tenant,
        patient,
        at - chrono::Duration::days(40),
        "no_show",
    );
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
    for lang in ["en", "ar", "fa"] {
        for width in [390, 1280] {
            b.goto(&url(&format!("/admin/reports?lang={lang}"))).await;
            b.client.set_window_size(width, 900).await.unwrap();
            assert_eq!(overflow(&b).await, 0, "reports {lang} at {width}");
            shoot(&b, &dir, &format!("clinic-reports-{lang}-{width}"), width).await;
        }
    }
    b.quit().await;
}
