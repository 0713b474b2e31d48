//! The chart's newer sections over plain HTTP, without JavaScript: the
//! patient's appointments with their status and attendance, a treatment
//! plan made with the form (and a bad one refused with a notice), and
//! older notes a link away (the invoice forms have their own file). Every
//! post is CSRF-checked, answered with a 303 back to the chart, and leaves
//! exactly one access row; a customer is refused each of them.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use identity::Role;
use uuid::Uuid;

use super::back_office::{member, Office};
use super::clinic_invoice_forms::{invoice, invoice_in};
use super::sessions::{csrf_field, page, page_login, post};
use crate::clinics::records::{access_rows, appointment, db, new_patient, one_more_row};
use crate::support::*;

/// A clinic tenant with a signed-in staff member.
pub(super) async fn office(app: &TestApp) -> (TestTenant, Office<'_>) {
    let tenant = provision_tenant("clinic-chart");
    let email = unique_email("clinic-chart");
    member(&mut db(app), &tenant, &email, Role::Staff);
    let office = Office::sign_in(app, &tenant.host, &email).await;
    (tenant, office)
}

/// The page's text without Fluent's bidi isolation marks around values.
pub(super) fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

pub(super) fn count(app: &TestApp, t: &TestTenant, table: &str, patient: Uuid) -> i64 {
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM \"{}\".{table} WHERE patient_id = $1",
        t.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(patient)
    .get_result::<Count>(&mut db(app))
    .unwrap()
    .n
}

#[tokio::test]
async fn the_chart_lists_the_patients_appointments_with_status_and_attendance() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let now = Utc::now();
    appointment(&app, &t, patient, now + Duration::days(2), "confirmed");
    appointment(&app, &t, patient, now - Duration::days(3), "completed");
    appointment(&app, &t, patient, now - Duration::days(5), "no_show");
    let chart = format!("/admin/patients/{patient}?lang=en");

    let (status, html, _) = staff.get(&chart).await;
    assert_eq!(status, 200, "{html}");
    // Still one row for the whole view, appointments included.
    assert_eq!(access_rows(&app, &t, patient).len(), 1);
    let html = plain(&html);
    let (upcoming, recent) = html
        .split_once("id=\"recent-appointments\"")
        .expect("a table of recent appointments");
    let upcoming = &upcoming[upcoming
        .find("id=\"upcoming-appointments\"")
        .expect("a table of upcoming appointments")..];
    assert!(
        upcoming.contains("data-status=\"confirmed\">Confirmed<"),
        "{upcoming}"
    );
    assert!(
        upcoming.contains("Physiotherapy") && upcoming.contains("Dr Who"),
        "{upcoming}"
    );
    assert!(
        recent.contains("data-status=\"completed\">Completed<"),
        "{recent}"
    );
    assert!(
        recent.contains("data-status=\"no_show\">No-show<"),
        "{recent}"
    );
    assert!(!recent.contains("data-status=\"confirmed\""), "{recent}");
    assert!(
        html.contains("Attended: 1, missed: 1 · No-show rate: 50%"),
        "{html}"
    );

    // In Arabic, the bookings' own label.
    let (_, html, _) = staff
        .get(&format!("/admin/patients/{patient}?lang=ar"))
        .await;
    assert!(html.contains("id=\"upcoming-appointments\""), "{html}");
    assert!(!html.contains(">Confirmed<"), "{html}");
}

#[tokio::test]
async fn a_plan_made_with_the_form_shows_on_the_chart() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");
    let (_, html, _) = staff.get(&chart).await;
    assert!(html.contains("id=\"plan-form\""), "{html}");
    assert!(html.contains("id=\"no-plan\""), "{html}");
    let rows = access_rows(&app, &t, patient).len();

    let today = Utc::now().date_naive();
    let review = (today + Duration::days(30)).to_string();
    let today = today.to_string();
    let (status, _, location) = staff
        .post(
            &format!("{chart}/plans"),
            &[
                ("goals", "Climb stairs without pain\r\n\r\nWalk 5 km"),
                ("sessions_planned", "8"),
                ("starts_on", &today),
                ("review_on", &review),
                ("exercise-0-name", "Wall squat"),
                ("exercise-0-sets", "3"),
                ("exercise-0-repetitions", "12"),
                ("exercise-0-instructions", "Slowly, back to the wall"),
                ("exercise-1-name", ""),
                ("exercise-1-sets", ""),
                ("exercise-2-name", "Calf raise"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=plan"));
    one_more_row(&app, &t, patient, rows, "create_plan", true);
    assert_eq!(count(&app, &t, "treatment_plans", patient), 1);

    let (_, html, _) = staff.get(&format!("{location}&lang=en")).await;
    let html = plain(&html);
    assert!(html.contains("The treatment plan was created."), "{html}");
    assert!(!html.contains("id=\"no-plan\""), "{html}");
    for shown in [
        "<li>Climb stairs without pain</li>",
        "<li>Walk 5 km</li>",
        "Wall squat · 3 × 12",
        "Slowly, back to the wall",
        "<li>Calf raise</li>",
    ] {
        assert!(html.contains(shown), "{shown}: {html}");
    }
}

#[tokio::test]
async fn a_plan_without_goals_is_made_as_through_the_api() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");
    let (_, html, _) = staff.get(&chart).await;
    assert!(html.contains("id=\"no-plan\""), "{html}");
    let rows = access_rows(&app, &t, patient).len();

    // The goals box sent blank, as a browser sends an untouched one.
    let (status, _, location) = staff
        .post(
            &format!("{chart}/plans"),
            &[("goals", " \r\n "), ("sessions_planned", "6")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=plan"));
    one_more_row(&app, &t, patient, rows, "create_plan", true);
    assert_eq!(count(&app, &t, "treatment_plans", patient), 1);

    let (_, html, _) = staff.get(&format!("{location}&lang=en")).await;
    let html = plain(&html);
    assert!(html.contains("The treatment plan was created."), "{html}");
    assert!(!html.contains("id=\"no-plan\""), "{html}");
    assert!(!html.contains("class=\"goals\""), "{html}");
    assert!(html.contains("(6)"), "{html}");
}

#[tokio::test]
async fn a_bad_plan_is_refused_with_a_notice_and_makes_nothing() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");
    let plans = format!("{chart}/plans");
    let mut rows = 0;
    // The library's limit on a goal's length.
    let long_goal = "a".repeat(501);

    // No token: refused, no row.
    let (status, _, _) = staff
        .post_exactly(&plans, &[("goals", "Walk"), ("sessions_planned", "8")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(access_rows(&app, &t, patient).len(), rows);

    for (fields, why, says) in [
        (
            vec![("goals", long_goal.as_str()), ("sessions_planned", "8")],
            "goals",
            "Check the goals",
        ),
        (
            vec![
                ("goals", "Walk"),
                ("sessions_planned", "8"),
                ("starts_on", "2026-13-45"),
            ],
            "starts_on",
            "Enter the start date as a date",
        ),
        (
            vec![
                ("goals", "Walk"),
                ("sessions_planned", "8"),
                ("starts_on", "2030-05-10"),
                ("review_on", "2030-05-01"),
            ],
            "review_on",
            "Enter a review date on or after the start date",
        ),
        (
            vec![("goals", "Walk"), ("sessions_planned", "0")],
            "sessions_planned",
            "Give the number of planned sessions",
        ),
        (
            vec![
                ("goals", "Walk"),
                ("sessions_planned", "8"),
                ("exercise-3-sets", "3"),
            ],
            "exercises",
            "each filled-in row needs a name",
        ),
    ] {
        let (status, _, location) = staff.post(&plans, &fields).await;
        assert_eq!(status, 303, "{why}");
        assert_eq!(location, format!("{chart}?done=refused&why={why}"));
        rows = one_more_row(&app, &t, patient, rows, "create_plan", false);
        let (status, html, _) = staff.get(&format!("{location}&lang=en")).await;
        assert_eq!(status, 200);
        rows += 1;
        assert!(html.contains("id=\"notice\""), "{html}");
        assert!(html.contains(says), "{why}: {html}");
        assert!(html.contains("id=\"no-plan\""), "{html}");
    }
    assert_eq!(count(&app, &t, "treatment_plans", patient), 0);
}

#[tokio::test]
async fn a_customer_is_refused_every_new_chart_form_and_reaches_no_record() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let (_, _, location) = staff
        .post(
            &format!("/admin/patients/{patient}/invoices"),
            &[
                ("line-0-description", "Assessment"),
                ("line-0-price", "60"),
                ("currency", "EUR"),
            ],
        )
        .await;
    assert!(location.ends_with("?done=invoice"), "{location}");
    let (_, html, _) = staff.get(&format!("/admin/patients/{patient}")).await;
    let id = invoice_in(&html, "issue");
    let before = access_rows(&app, &t, patient).len();

    let email = unique_email("clinic-chart-customer");
    customer_account(&app, &t, &email).await;
    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    // The customer's own token: the refusal is the role's, not the token's.
    let (status, html, cookies) = page(&app, &t.host, "/account", &cookies).await;
    assert_eq!(status, 200);
    let token = csrf_field(&html);
    for path in [
        format!("/admin/patients/{patient}/plans"),
        format!("/admin/patients/{patient}/invoices"),
        format!("/admin/invoices/{id}/issue"),
        format!("/admin/invoices/{id}/payments"),
        format!("/admin/invoices/{id}/void"),
    ] {
        let res = post(
            &app,
            &t.host,
            &path,
            &cookies,
            &[
                ("csrf_token", token.as_str()),
                ("goals", "Walk"),
                ("sessions_planned", "8"),
                ("line-0-description", "X"),
                ("line-0-price", "1"),
                ("currency", "EUR"),
                ("amount", "1"),
                ("method", "cash"),
            ],
        )
        .await;
        assert_eq!(res.status(), 403, "{path}");
    }
    let (status, _, _) = page(
        &app,
        &t.host,
        &format!("/admin/invoices/{id}/pdf"),
        &cookies,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(access_rows(&app, &t, patient).len(), before);
    assert_eq!(count(&app, &t, "treatment_plans", patient), 0);
    assert_eq!(invoice(&app, &t, id).status, "draft");
}

#[tokio::test]
async fn older_notes_are_a_link_away_on_the_chart() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    // 25 notes, Entry-001 the newest, a minute apart.
    diesel::sql_query(format!(
        "INSERT INTO \"{}\".clinical_notes (id, patient_id, visit_type, subjective, author_id, created_at) \
         SELECT gen_random_uuid(), $1, 'regular', 'Entry-' || lpad(n::text, 3, '0'), gen_random_uuid(), \
                now() - n * interval '1 minute' \
         FROM generate_series(1, 25) AS n",
        t.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(patient)
    .execute(&mut db(&app))
    .unwrap();
    let chart = format!("/admin/patients/{patient}");

    let (status, html, _) = staff.get(&format!("{chart}?lang=en")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Entry-001") && html.contains("Entry-020"),
        "{html}"
    );
    assert!(!html.contains("Entry-021"), "{html}");
    assert!(!html.contains("id=\"newest-notes\""), "{html}");
    let marker = "href=\"/admin/patients/";
    let at = html
        .match_indices(marker)
        .map(|(at, _)| at + "href=\"".len())
        .find(|at| {
            html[*at..]
                .split('"')
                .next()
                .unwrap()
                .contains("notes_before=")
        })
        .expect("an older-notes link");
    let older = html[at..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#61;", "=")
        .replace("&#43;", "+")
        .replace("&#47;", "/");
    assert!(html[at..].contains("id=\"older-notes\""), "{html}");

    let (status, html, _) = staff.get(&older).await;
    assert_eq!(status, 200, "{older}: {html}");
    assert!(
        html.contains("Entry-021") && html.contains("Entry-025"),
        "{html}"
    );
    assert!(!html.contains("Entry-020"), "{html}");
    // The last page: back to the newest, nothing older.
    assert!(html.contains("id=\"newest-notes\""), "{html}");
    assert!(!html.contains("id=\"older-notes\""), "{html}");
    // One row per page viewed.
    assert_eq!(access_rows(&app, &t, patient).len(), 2);

    // A cursor the chart never handed out: the newest notes, and why.
    let (status, html, _) = staff
        .get(&format!("{chart}?notes_before=garbage&lang=en"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Entry-001"), "{html}");
    assert!(
        html.contains("That page of notes could not be found"),
        "{html}"
    );
    assert_eq!(access_rows(&app, &t, patient).len(), 3);
}
