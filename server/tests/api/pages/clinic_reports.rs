//! The clinic's reports page over plain HTTP: the figures of seeded
//! visits, patients and payments in its table, one SVG bar per period
//! (mirrored in Arabic), the no-show rates per staff member, the GET
//! form's refusals as a notice (not a 500), the plan without `reports`
//! said plainly, and anyone but staff refused.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Uuid as SqlUuid};
use identity::Role;
use uuid::Uuid;

use super::back_office::{get, member, Office};
use super::sessions::{page, page_login};
use crate::clinics::records::{db, new_patient};
use crate::support::*;

async fn office(app: &TestApp, role: Role) -> (TestTenant, Office<'_>) {
    let tenant = provision_tenant("clinic-reports");
    let email = unique_email("clinic-reports");
    member(&mut db(app), &tenant, &email, role);
    let office = Office::sign_in(app, &tenant.host, &email).await;
    (tenant, office)
}

/// `query` with `{s}` naming the tenant's schema.
fn sql(t: &TestTenant, query: &str) -> diesel::query_builder::SqlQuery {
    diesel::sql_query(query.replace("{s}", &format!("\"{}\"", t.schema)))
}

fn staff_member(app: &TestApp, t: &TestTenant, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    sql(t, "INSERT INTO {s}.staff (id, name) VALUES ($1, $2)")
        .bind::<SqlUuid, _>(id)
        .bind::<Text, _>(name)
        .execute(&mut db(app))
        .unwrap();
    id
}

fn patient_created(app: &TestApp, t: &TestTenant, name: &str, created_at: &str) -> Uuid {
    let id = new_patient(app, t, name);
    sql(
        t,
        "UPDATE {s}.patients SET created_at = $2::timestamptz WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Text, _>(created_at)
    .execute(&mut db(app))
    .unwrap();
    id
}

/// A booking of `patient` with `staff` at `at` (noon UTC: the same day
/// in the site's time zone), in `status`.
fn visit(app: &TestApp, t: &TestTenant, staff: Uuid, patient: Uuid, at: &str, status: &str) {
    sql(
        t,
        "WITH s AS (INSERT INTO {s}.services (id, name, duration_minutes)
                    VALUES (gen_random_uuid(), 'Physiotherapy', 30) RETURNING id),
              c AS (INSERT INTO {s}.customers (id, name) VALUES (gen_random_uuid(), 'Pat') RETURNING id)
         INSERT INTO {s}.bookings (id, service_id, staff_id, customer_id, starts_at, ends_at,
                                   blocked, status, manage_token_hash, patient_id)
         SELECT gen_random_uuid(), s.id, $1, c.id, $2::timestamptz, $2::timestamptz + interval '30 minutes',
                tstzrange($2::timestamptz, $2::timestamptz + interval '30 minutes'), $3,
                decode(md5(gen_random_uuid()::text), 'hex'), $4
         FROM s, c",
    )
    .bind::<SqlUuid, _>(staff)
    .bind::<Text, _>(at)
    .bind::<Text, _>(status)
    .bind::<SqlUuid, _>(patient)
    .execute(&mut db(app))
    .unwrap();
}

/// An issued invoice of `patient` in EUR, paid `cents` at `at`.
fn payment(app: &TestApp, t: &TestTenant, patient: Uuid, cents: i64, at: &str) {
    sql(
        t,
        "WITH i AS (INSERT INTO {s}.clinic_invoices (id, patient_id, status, number, issued_at,
                        currency, tax_rate_bp, subtotal_cents, tax_cents, total_cents, created_by)
                    VALUES (gen_random_uuid(), $1, 'issued',
                            'INV-2027-' || lpad((SELECT count(*) + 1 FROM {s}.clinic_invoices)::text, 6, '0'),
                            $3::timestamptz, 'EUR', 0, $2, 0, $2, gen_random_uuid())
                    RETURNING id)
         INSERT INTO {s}.clinic_invoice_payments (id, invoice_id, amount_cents, method, recorded_by, recorded_at)
         SELECT gen_random_uuid(), i.id, $2, 'card', gen_random_uuid(), $3::timestamptz FROM i",
    )
    .bind::<SqlUuid, _>(patient)
    .bind::<BigInt, _>(cents)
    .bind::<Text, _>(at)
    .execute(&mut db(app))
    .unwrap();
}

/// Two staff members and March to May 2027: March 2 visits, 1 new
/// patient, 50.00 EUR; April 1 visit, 1 new patient, 25.50 EUR, 1
/// no-show; May 1 visit (and a cancellation, which counts nowhere).
fn seed(app: &TestApp, t: &TestTenant) -> (Uuid, Uuid) {
    let ada = staff_member(app, t, "Dr Ada");
    let bo = staff_member(app, t, "Dr Bo");
    let ann = patient_created(app, t, "Ann", "2027-03-15T12:00:00Z");
    let bob = patient_created(app, t, "Bob", "2027-04-10T12:00:00Z");
    visit(app, t, ada, ann, "2027-03-10T12:00:00Z", "completed");
    visit(app, t, ada, ann, "2027-03-20T12:00:00Z", "completed");
    visit(app, t, bo, bob, "2027-04-05T12:00:00Z", "completed");
    visit(app, t, ada, bob, "2027-04-06T12:00:00Z", "no_show");
    visit(app, t, bo, ann, "2027-05-02T12:00:00Z", "completed");
    visit(app, t, bo, ann, "2027-05-03T12:00:00Z", "cancelled");
    payment(app, t, ann, 5000, "2027-03-11T12:00:00Z");
    payment(app, t, bob, 2550, "2027-04-20T12:00:00Z");
    (ada, bo)
}

/// The page, without Fluent's isolation marks around what a message
/// was given, so the test reads the text as a person does.
async fn show(staff: &Office<'_>, path: &str) -> (u16, String) {
    let (status, html, _) = staff.get(path).await;
    (status, html.replace(['\u{2068}', '\u{2069}'], ""))
}

/// The cells of the report's table marked `figure`, top to bottom.
fn column(html: &str, figure: &str) -> Vec<String> {
    let marker = format!("<td data-figure=\"{figure}\">");
    html.split(&marker)
        .skip(1)
        .map(|rest| rest.split("</td>").next().unwrap().to_string())
        .collect()
}

/// The x of each bar, in the report's order (oldest first).
fn bar_xs(html: &str) -> Vec<f64> {
    html.split("<rect class=\"bar\" x=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

const MARCH_TO_MAY: &str = "/admin/reports?period=month&from=2027-03-01&to=2027-05-31";

#[tokio::test]
async fn the_table_and_the_chart_show_the_seeded_figures() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    let (_, bo) = seed(&app, &t);

    let (status, html) = show(&staff, &format!("{MARCH_TO_MAY}&lang=en")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(column(&html, "visits"), ["2", "1", "1"], "{html}");
    assert_eq!(column(&html, "new-patients"), ["1", "1", "0"], "{html}");
    assert_eq!(column(&html, "no-shows"), ["0", "1", "0"], "{html}");
    assert_eq!(
        column(&html, "revenue"),
        ["50.00 EUR", "25.50 EUR", "0.00 EUR"],
        "{html}"
    );
    assert!(html.contains("Mar 1, 2027"), "{html}");
    // One bar per month, each titled, oldest on the left.
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 3, "{html}");
    assert_eq!(html.matches("<title>").count(), 3 + 1, "{html}");
    let xs = bar_xs(&html);
    assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
    // The first bar is the tallest (2 visits), and says so.
    assert!(
        html.contains("<title>Month from Mar 1, 2027, visits: 2</title>"),
        "{html}"
    );
    // No-show rates: Dr Ada 1 of 3 kept or missed, Dr Bo none (the
    // cancellation is no appointment).
    assert_eq!(column(&html, "rate"), ["33 %", "0 %"], "{html}");
    assert!(
        html.find("Dr Ada").unwrap() < html.find("Dr Bo").unwrap(),
        "{html}"
    );
    // The form keeps what was asked.
    assert!(html.contains("value=\"week\">"), "{html}");
    assert!(html.contains("value=\"month\" selected"), "{html}");
    assert!(html.contains("value=\"2027-03-01\""), "{html}");

    // Weekly: four Mondays from 1 March to 28 March.
    let (status, html) = show(
        &staff,
        "/admin/reports?period=week&from=2027-03-01&to=2027-03-28",
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 4, "{html}");
    assert_eq!(column(&html, "visits"), ["0", "1", "1", "0"], "{html}");

    // One staff member: only Dr Bo's visits and no-shows.
    let (status, html) = show(&staff, &format!("{MARCH_TO_MAY}&staff_id={bo}")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(column(&html, "visits"), ["0", "1", "1"], "{html}");
    assert_eq!(column(&html, "no-shows"), ["0", "0", "0"], "{html}");
    assert!(html.contains(&format!("value=\"{bo}\" selected")), "{html}");

    // No dates: the last twelve months, up to today.
    let (status, html) = show(&staff, "/admin/reports").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 12, "{html}");
    let (status, html) = show(&staff, "/admin/reports?period=week").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 12, "{html}");
}

#[tokio::test]
async fn arabic_mirrors_the_chart_and_persian_writes_its_own_digits_and_calendar() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Admin).await;
    seed(&app, &t);

    let (status, html) = show(&staff, &format!("{MARCH_TO_MAY}&lang=ar")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("dir=\"rtl\"") && html.contains("التقارير"),
        "{html}"
    );
    assert_eq!(column(&html, "visits"), ["٢", "١", "١"], "{html}");
    // Oldest on the right.
    let xs = bar_xs(&html);
    assert!(xs[0] > xs[1] && xs[1] > xs[2], "{xs:?}");

    let (status, html) = show(&staff, &format!("{MARCH_TO_MAY}&lang=fa")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(column(&html, "visits"), ["۲", "۱", "۱"], "{html}");
    // 1 March 2027 is 10 Esfand 1405 in the Solar Hijri calendar.
    assert!(html.contains("اسفند ۱۴۰۵"), "{html}");
}

#[tokio::test]
async fn bad_input_is_a_notice_on_the_page_not_a_failure() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    seed(&app, &t);
    for (query, words) in [
        ("from=03/01/2027", "The first day must be a date"),
        (
            "from=2027-05-01&to=2027-03-01",
            "The first day must be a date",
        ),
        ("from=2024-01-01&to=2027-01-01", "at most 731 days"),
        ("period=day", "Choose a week or a month"),
        ("staff_id=nope", "Choose a staff member"),
    ] {
        let (status, html) = show(&staff, &format!("/admin/reports?{query}")).await;
        assert_eq!(status, 422, "{query}: {html}");
        assert!(html.contains("id=\"notice\""), "{query}: {html}");
        assert!(html.contains(words), "{query}: {html}");
        assert!(
            !html.contains("<svg id=\"visits-chart\""),
            "{query}: {html}"
        );
        // The form is there again, to correct.
        assert!(html.contains("id=\"report-form\""), "{query}: {html}");
    }
    let (_, html) = show(&staff, "/admin/reports?from=03/01/2027").await;
    assert!(html.contains("value=\"03/01/2027\""), "{html}");
}

#[tokio::test]
async fn a_plan_without_reports_is_said_plainly_without_a_chart() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Admin).await;
    seed(&app, &t);
    diesel::sql_query("UPDATE tenants SET plan_code = 'basic' WHERE id = $1")
        .bind::<SqlUuid, _>(t.id)
        .execute(&mut db(&app))
        .unwrap();
    let (status, html) = show(&staff, MARCH_TO_MAY).await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("id=\"not-in-plan\""), "{html}");
    assert!(
        html.contains("The Basic plan does not include reports."),
        "{html}"
    );
    assert!(!html.contains("<svg id=\"visits-chart\""), "{html}");
    assert!(!html.contains("id=\"report-table\""), "{html}");
}

#[tokio::test]
async fn customers_and_strangers_are_refused_and_staff_find_it_from_the_patients() {
    let app = spawn_app().await;
    let (t, staff) = office(&app, Role::Staff).await;
    let (status, html, _) = staff.get("/admin/patients").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/admin/reports\""), "{html}");

    let email = unique_email("clinic-reports-customer");
    customer_account(&app, &t, &email).await;
    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    let (status, html, _) = page(&app, &t.host, MARCH_TO_MAY, &cookies).await;
    assert_eq!(status, 403, "{html}");
    assert!(!html.contains("id=\"report-table\""), "{html}");

    let (status, _, location) = get(&app, &t.host, MARCH_TO_MAY, "").await;
    assert_eq!((status, location.as_str()), (303, "/admin/login"));
}
