//! The chart's invoice forms over plain HTTP, without JavaScript: an
//! invoice drafted, issued, paid and voided (and its PDF), each post
//! CSRF-checked, answered with a 303 back to the chart and leaving exactly
//! one access row; a first invoice's currency.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE};
use uuid::Uuid;

use super::clinic_chart_forms::{count, office};
use crate::clinics::records::{db, new_patient, one_more_row};
use crate::support::*;

/// The id in the first `action="/admin/invoices/<id>/<what>"` of a page.
pub(super) fn invoice_in(html: &str, what: &str) -> Uuid {
    let marker = "action=\"/admin/invoices/";
    html.match_indices(marker)
        .map(|(at, _)| &html[at + marker.len()..])
        .find(|rest| rest[36..].starts_with(&format!("/{what}\"")))
        .map(|rest| rest[..36].parse().unwrap())
        .unwrap_or_else(|| panic!("no {what} form: {html}"))
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
pub(super) struct InvoiceRow {
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = BigInt)]
    pub total_cents: i64,
    #[diesel(sql_type = BigInt)]
    pub paid_cents: i64,
}

pub(super) fn invoice(app: &TestApp, t: &TestTenant, id: Uuid) -> InvoiceRow {
    diesel::sql_query(format!(
        "SELECT status, total_cents, paid_cents FROM \"{}\".clinic_invoices WHERE id = $1",
        t.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(id)
    .get_result(&mut db(app))
    .unwrap()
}

#[tokio::test]
async fn an_invoice_is_drafted_issued_paid_and_voided_with_the_forms() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");
    let invoices = format!("{chart}/invoices");
    let (_, html, _) = staff.get(&chart).await;
    assert!(html.contains("id=\"invoice-form\""), "{html}");
    let mut rows = 1;

    // Nothing to bill, or a tax that is no number: refused, one row each.
    let (status, _, location) = staff
        .post(&invoices, &[("line-0-quantity", "1"), ("currency", "EUR")])
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=refused&why=lines"));
    rows = one_more_row(&app, &t, patient, rows, "create_invoice", false);
    let (_, html, _) = staff.get(&format!("{location}&lang=en")).await;
    rows += 1;
    assert!(html.contains("fill in at least one"), "{html}");
    let (_, _, location) = staff
        .post(
            &invoices,
            &[
                ("line-0-description", "Assessment"),
                ("line-0-price", "60"),
                ("tax_percent", "ten"),
                ("currency", "EUR"),
            ],
        )
        .await;
    assert_eq!(location, format!("{chart}?done=refused&why=tax_rate_bp"));
    rows = one_more_row(&app, &t, patient, rows, "create_invoice", false);
    assert_eq!(count(&app, &t, "clinic_invoices", patient), 0);

    // Two lines (the blank row between them left out), 10 % tax.
    let (status, _, location) = staff
        .post(
            &invoices,
            &[
                ("line-0-description", "Assessment"),
                ("line-0-quantity", "1"),
                ("line-0-price", "60"),
                ("line-1-description", ""),
                ("line-1-quantity", "1"),
                ("line-1-price", ""),
                ("line-2-description", "Session"),
                ("line-2-quantity", "2"),
                ("line-2-price", "25.50"),
                ("tax_percent", "10"),
                ("currency", "eur"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=invoice"));
    rows = one_more_row(&app, &t, patient, rows, "create_invoice", true);

    let (_, html, _) = staff.get(&chart).await;
    rows += 1;
    let id = invoice_in(&html, "issue");
    assert!(
        html.contains(&format!("href=\"/admin/invoices/{id}/pdf\"")),
        "{html}"
    );
    assert_eq!(
        invoice(&app, &t, id),
        InvoiceRow {
            status: "draft".into(),
            total_cents: 12_210,
            paid_cents: 0
        }
    );
    // A draft takes no payment and is not voided: no such forms.
    assert!(!html.contains(&format!("/admin/invoices/{id}/payments")));
    assert!(!html.contains(&format!("/admin/invoices/{id}/void")));

    let issue = format!("/admin/invoices/{id}/issue");
    let (status, _, location) = staff.post(&issue, &[]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=issued"));
    rows = one_more_row(&app, &t, patient, rows, "issue_invoice", true);
    assert_eq!(invoice(&app, &t, id).status, "issued");
    // Issued again: refused with the reason, one failed row.
    let (_, _, location) = staff.post(&issue, &[]).await;
    assert_eq!(
        location,
        format!("{chart}?done=refused&why=invoice_not_draft")
    );
    rows = one_more_row(&app, &t, patient, rows, "issue_invoice", false);

    let (_, html, _) = staff.get(&format!("{chart}?lang=en")).await;
    rows += 1;
    assert!(html.contains("INV-"), "{html}");
    assert!(html.contains("value=\"122.10\""), "owed: {html}");

    let pay = format!("/admin/invoices/{id}/payments");
    let (status, _, location) = staff
        .post(&pay, &[("amount", "100"), ("method", "card")])
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=paid"));
    rows = one_more_row(&app, &t, patient, rows, "record_payment", true);
    assert_eq!(invoice(&app, &t, id).paid_cents, 10_000);
    // More than is owed: refused, one failed row, nothing recorded.
    let (_, _, location) = staff
        .post(&pay, &[("amount", "50"), ("method", "cash")])
        .await;
    assert_eq!(location, format!("{chart}?done=refused&why=amount_cents"));
    rows = one_more_row(&app, &t, patient, rows, "record_payment", false);
    let (_, _, location) = staff
        .post(
            &pay,
            &[
                ("amount", "22.10"),
                ("method", "cash"),
                ("note", "At the desk"),
            ],
        )
        .await;
    assert_eq!(location, format!("{chart}?done=paid"));
    rows = one_more_row(&app, &t, patient, rows, "record_payment", true);
    assert_eq!(
        invoice(&app, &t, id),
        InvoiceRow {
            status: "paid".into(),
            total_cents: 12_210,
            paid_cents: 12_210
        }
    );

    // The PDF, as the API's staff get it: one row.
    let res = app
        .get(&t.host, &format!("/admin/invoices/{id}/pdf"))
        .header(ACCEPT, "text/html")
        .header(COOKIE, &staff.cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    rows = one_more_row(&app, &t, patient, rows, "invoice_pdf", true);

    let (status, _, location) = staff.post(&format!("/admin/invoices/{id}/void"), &[]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chart}?done=voided"));
    one_more_row(&app, &t, patient, rows, "void_invoice", true);
    assert_eq!(invoice(&app, &t, id).status, "void");

    // An unknown invoice: 404, no row anywhere.
    let (status, _, _) = staff
        .post(&format!("/admin/invoices/{}/issue", Uuid::new_v4()), &[])
        .await;
    assert_eq!(status, 404);
}

/// A service named `name` priced in `currency`, deleted when `deleted`.
fn service(app: &TestApp, t: &TestTenant, name: &str, currency: &str, deleted: bool) {
    diesel::sql_query(format!(
        "INSERT INTO \"{}\".services (id, name, duration_minutes, currency, deleted_at) \
         VALUES (gen_random_uuid(), $1, 30, $2, CASE WHEN $3 THEN now() END)",
        t.schema
    ))
    .bind::<Text, _>(name)
    .bind::<Text, _>(currency)
    .bind::<Bool, _>(deleted)
    .execute(&mut db(app))
    .unwrap();
}

#[tokio::test]
async fn a_first_invoice_is_drafted_in_the_first_listed_services_currency() {
    let app = spawn_app().await;
    let (t, staff) = office(&app).await;
    let patient = new_patient(&app, &t, "Ann Example");
    let chart = format!("/admin/patients/{patient}");
    // The rest of the invoice form's currency input.
    let currency = |html: &str| {
        let after = html.split("id=\"invoice-currency\"").nth(1);
        let input = after.expect("a currency input").split('>').next();
        input.unwrap().to_string()
    };

    // No service priced yet.
    let (_, html, _) = staff.get(&chart).await;
    assert!(currency(&html).contains("value=\"EUR\""), "{html}");

    // The first by name that is not deleted.
    service(&app, &t, "Zumba", "GBP", false);
    service(&app, &t, "Assessment", "USD", true);
    service(&app, &t, "Massage", "CHF", false);
    let (_, html, _) = staff.get(&chart).await;
    assert!(currency(&html).contains("value=\"CHF\""), "{html}");
}
