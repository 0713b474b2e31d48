//! The clinic's back-office pages over plain HTTP, without JavaScript:
//! the patient list (typo-tolerant search) and the new-patient form, a
//! patient's chart with its note forms (CSRF-checked posts answered with a
//! redirect), exactly one access row per chart view or form post, and the
//! day's appointments with their check-in. Staff see them in English and
//! in Arabic (right to left); a customer is refused.

use chrono::{NaiveTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::Text;
use identity::Role;
use uuid::Uuid;

use super::back_office::{member, Office};
use super::sessions::{page, page_login};
use crate::clinics::records::{access_rows, appointment, db, new_patient, AccessRow};
use crate::support::*;

/// A clinic tenant with a signed-in member of `role`.
async fn office(app: &TestApp, role: Role) -> (TestTenant, Office<'_>) {
    let tenant = provision_tenant("clinic-pages");
    let email = unique_email("clinic-member");
    member(&mut db(app), &tenant, &email, role);
    let office = Office::sign_in(app, &tenant.host, &email).await;
    (tenant, office)
}

fn last_row(app: &TestApp, t: &TestTenant, patient: Uuid) -> AccessRow {
    access_rows(app, t, patient).pop().unwrap()
}

#[tokio::test]
async fn the_patient_list_searches_with_typos_in_english_and_arabic() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    let ann = new_patient(&app, &t, "Annabel Fairweather");
    new_patient(&app, &t, "Zed Other");

    let (status, html, _) = staff.get("/admin/patients?lang=en").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("href=\"/admin/patients\" aria-current=\"page\""),
        "{html}"
    );
    assert!(html.contains(&format!("/admin/patients/{ann}")), "{html}");
    assert!(html.contains("Zed Other"), "{html}");
    assert!(html.contains("href=\"/admin/patients/new\""), "{html}");

    // A misspelt name still finds her, and not the other.
    let (status, html, _) = staff.get("/admin/patients?q=Anabel+Fairwether").await;
    assert_eq!(status, 200);
    assert!(html.contains("Annabel Fairweather"), "{html}");
    assert!(!html.contains("Zed Other"), "{html}");
    // The list reads no one record: no access row.
    assert!(access_rows(&app, &t, ann).is_empty());

    let (status, html, _) = staff.get("/admin/patients?lang=ar").await;
    assert_eq!(status, 200);
    assert!(html.contains("dir=\"rtl\""), "{html}");
    assert!(html.contains("المرضى"), "{html}");
    let (status, html, _) = staff.get(&format!("/admin/patients/{ann}?lang=ar")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("dir=\"rtl\"") && html.contains("ملف المريض"),
        "{html}"
    );
    let (status, html, _) = staff.get("/admin/appointments?lang=ar").await;
    assert_eq!(status, 200);
    assert!(html.contains("مواعيد اليوم"), "{html}");
}

#[tokio::test]
async fn a_customer_is_refused_every_clinic_page_and_reaches_no_record() {
    let app = spawn_app().await;
    let t = provision_tenant("clinic-cust");
    let patient = new_patient(&app, &t, "Ann Example");
    let email = unique_email("clinic-customer");
    customer_account(&app, &t, &email).await;
    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    for path in [
        "/admin/patients".to_string(),
        "/admin/patients/new".to_string(),
        format!("/admin/patients/{patient}"),
        "/admin/appointments".to_string(),
    ] {
        let (status, html, _) = page(&app, &t.host, &path, &cookies).await;
        assert_eq!(status, 403, "{path}: {html}");
    }
    assert!(access_rows(&app, &t, patient).is_empty());
}

#[tokio::test]
async fn a_new_patient_is_made_by_the_form_and_opens_on_their_chart() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    let (status, html, _) = staff.get("/admin/patients/new").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"new-patient\""), "{html}");

    // No token: refused, nothing made.
    let (status, _, _) = staff
        .post_exactly("/admin/patients", &[("name", "Nobody")])
        .await;
    assert_eq!(status, 403);
    // A bad phone number: the form again, with what was typed.
    let (status, html, _) = staff
        .post(
            "/admin/patients",
            &[("name", "Ann Example"), ("phone", "call me")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("value=\"Ann Example\""), "{html}");
    assert!(html.contains("aria-invalid=\"true\""), "{html}");

    let (status, _, location) = staff
        .post(
            "/admin/patients",
            &[("name", "Ann Example"), ("date_of_birth", "1980-02-03")],
        )
        .await;
    assert_eq!(status, 303);
    let id: Uuid = location
        .strip_prefix("/admin/patients/")
        .and_then(|rest| rest.strip_suffix("?created=1"))
        .unwrap()
        .parse()
        .unwrap();
    let rows = access_rows(&app, &t, id);
    assert_eq!(
        rows,
        vec![AccessRow {
            action: "create_patient".into(),
            succeeded: true
        }]
    );
    let (status, html, _) = staff.get(&location).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Ann Example") && html.contains("PAT000001"),
        "{html}"
    );
    assert!(html.contains("value=\"1980-02-03\""), "{html}");
}

#[tokio::test]
async fn the_chart_leaves_one_row_per_view_and_its_note_forms_work_without_script() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");

    let (status, html, _) = staff.get(&chart).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(access_rows(&app, &t, patient).len(), 1);
    assert_eq!(last_row(&app, &t, patient).action, "read_chart");
    assert!(html.contains("id=\"no-notes\""), "{html}");
    // Staff do not see the access log.
    assert!(!html.contains("id=\"access-log\""), "{html}");

    // A note, without the token: refused, no row.
    let (status, _, _) = staff
        .post_exactly(&format!("{chart}/notes"), &[("subjective", "x")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(access_rows(&app, &t, patient).len(), 1);

    let (status, _, location) = staff
        .post(
            &format!("{chart}/notes"),
            &[
                ("visit_type", "follow_up"),
                ("subjective", "Knee <pain> on stairs"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=note"));
    assert_eq!(access_rows(&app, &t, patient).len(), 2);
    assert_eq!(last_row(&app, &t, patient).action, "create_note");

    let (_, html, _) = staff.get(&location).await;
    assert_eq!(access_rows(&app, &t, patient).len(), 3);
    assert!(
        html.contains("Knee &#60;pain&#62; on stairs"),
        "escaped: {html}"
    );
    assert!(html.contains("id=\"notice\""), "{html}");
    let marker = "action=\"/admin/notes/";
    let at = html.find(marker).expect("a sign form") + marker.len();
    let note: Uuid = html[at..at + 36].parse().unwrap();
    assert!(
        html.contains(&format!("/admin/notes/{note}/sign")),
        "{html}"
    );

    let (status, _, location) = staff.post(&format!("/admin/notes/{note}/sign"), &[]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=signed"));
    assert_eq!(access_rows(&app, &t, patient).len(), 4);
    assert_eq!(last_row(&app, &t, patient).action, "sign_note");

    // Signed again: refused, back to the chart with a message, one
    // (failed) row.
    let (status, _, location) = staff.post(&format!("/admin/notes/{note}/sign"), &[]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=refused"));
    assert_eq!(
        last_row(&app, &t, patient),
        AccessRow {
            action: "sign_note".into(),
            succeeded: false
        }
    );
    assert_eq!(access_rows(&app, &t, patient).len(), 5);

    let (status, _, location) = staff
        .post(
            &format!("/admin/notes/{note}/amendments"),
            &[("text", "Left knee, not right"), ("reason", "side")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=amended"));
    assert_eq!(access_rows(&app, &t, patient).len(), 6);

    let (_, html, _) = staff.get(&chart).await;
    assert_eq!(access_rows(&app, &t, patient).len(), 7);
    assert!(
        !html.contains(&format!("/admin/notes/{note}/sign")),
        "{html}"
    );
    assert!(html.contains("Left knee, not right"), "{html}");
    assert!(
        html.contains(&format!("/admin/notes/{note}/amendments")),
        "{html}"
    );

    // The details form: saved through the patient's own update.
    let (status, _, location) = staff
        .post(
            &format!("{chart}/details"),
            &[("name", "Ann Example-Smith"), ("phone", "+44 20 7946 0958")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=saved"));
    assert_eq!(last_row(&app, &t, patient).action, "update_patient");
    let (_, html, _) = staff.get(&chart).await;
    assert!(html.contains("Ann Example-Smith"), "{html}");

    // An unknown patient: 404 and no row anywhere.
    let (status, _, _) = staff
        .get(&format!("/admin/patients/{}", Uuid::new_v4()))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn owners_see_the_access_log_on_the_chart() {
    let app = spawn_app().await;
    let (t, owner) = office(&app, Role::Admin).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let (status, html, _) = owner.get(&format!("/admin/patients/{patient}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"access-log\""), "{html}");
    assert_eq!(access_rows(&app, &t, patient).len(), 1);
}

#[tokio::test]
async fn check_in_moves_the_days_appointment_to_arrived() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let today = Utc::now().date_naive();
    let noon = today
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_utc();
    appointment(&app, &t, patient, noon, "confirmed");
    let day = format!("/admin/appointments?date={today}");

    let (status, html, _) = staff.get(&day).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Ann Example"), "{html}");
    assert!(html.contains("data-status=\"arrived\""), "{html}");
    let marker = "action=\"/admin/appointments/";
    let at = html.find(marker).expect("a status form") + marker.len();
    let booking: Uuid = html[at..at + 36].parse().unwrap();

    let (status, _, location) = staff
        .post(
            &format!("/admin/appointments/{booking}/status"),
            &[("status", "arrived"), ("date", &today.to_string())],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{day}&changed=1"));
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        status: String,
    }
    let row: Row = diesel::sql_query(format!(
        "SELECT status FROM \"{}\".bookings WHERE id = $1",
        t.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(booking)
    .get_result(&mut db(&app))
    .unwrap();
    assert_eq!(row.status, "arrived");

    // Arrived: completing is left, checking in again is not.
    let (_, html, _) = staff.get(&day).await;
    assert!(html.contains("value=\"completed\""), "{html}");
    assert!(!html.contains("value=\"arrived\""), "{html}");
    assert!(!html.contains("value=\"no_show\""), "{html}");
    // A status the desk does not set (cancel) is refused.
    let (status, _, _) = staff
        .post(
            &format!("/admin/appointments/{booking}/status"),
            &[("status", "cancelled")],
        )
        .await;
    assert_eq!(status, 422);
}
