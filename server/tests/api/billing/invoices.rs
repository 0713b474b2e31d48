//! Invoices: numbered across the platform without gaps, listed for the
//! tenant's admins, and served as a PDF whose text can be read.

use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use identity::Role;
use kernel::schema::public::{invoice_counters, invoices as invoice_rows};
use serde_json::json;

use super::*;
use crate::support::*;

const INVOICES: &str = "/api/v1/billing/invoices";

#[tokio::test]
async fn concurrent_issues_take_consecutive_numbers_and_a_rollback_leaves_no_gap() {
    migrate_public();
    let tenant = tenant_on_pro("pay-num");
    // A year of its own, so other tests' invoices do not interleave.
    let year = 3000 + (uuid::Uuid::new_v4().as_u128() % 6000) as i32;
    let at = Utc.with_ymd_and_hms(year, 6, 1, 12, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(year, 7, 1, 12, 0, 0).unwrap();
    let workers: Vec<_> = (0..10)
        .map(|i| {
            let tenant_id = tenant.id;
            std::thread::spawn(move || {
                let mut conn = PgConnection::establish(&database_url()).unwrap();
                let result = conn.transaction::<_, diesel::result::Error, _>(|conn| {
                    billing::invoices::issue(conn, tenant_id, None, at, end, 2000, at).unwrap();
                    // Every fifth one fails after taking its number.
                    if i % 5 == 4 {
                        return Err(diesel::result::Error::RollbackTransaction);
                    }
                    Ok(())
                });
                result.is_ok()
            })
        })
        .collect();
    let committed = workers
        .into_iter()
        .map(|w| w.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(committed, 8);
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let numbers: Vec<String> = invoice_rows::table
        .filter(invoice_rows::number.like(format!("INV-{year}-%")))
        .select(invoice_rows::number)
        .load(&mut conn)
        .unwrap();
    let mut seq: Vec<i32> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    seq.sort_unstable();
    let first = seq[0];
    assert_eq!(seq, (first..first + 8).collect::<Vec<_>>(), "{numbers:?}");
    let last: i32 = invoice_counters::table
        .find(year)
        .select(invoice_counters::last_number)
        .first(&mut conn)
        .unwrap();
    assert_eq!(last, first + 7, "the rolled-back numbers were given back");
    assert!(
        numbers.iter().all(|n| n.len() == "INV-0000-000000".len()),
        "{numbers:?}"
    );
}

/// Pays the tenant's Pro plan through the webhook: one invoice.
async fn pay(app: &TestApp, tenant: &TestTenant) {
    let body = event(
        "invoice.paid",
        now(),
        &tenant.slug,
        json!({"id": unique("in"), "period_start": now(), "period_end": now() + 30 * 86_400}),
    );
    assert_eq!(deliver(app, &body).await.1["outcome"], "applied");
}

async fn list(app: &TestApp, tenant: &TestTenant, token: &str) -> (u16, Value) {
    json_of(
        app.get(&tenant.host, INVOICES)
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn pdf_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_invoice_pdf_holds_its_number_the_tenants_name_and_the_total() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-pdf");
    pay(&app, &tenant).await;
    let (status, body) = list(&app, &tenant, &app.owner_token(&tenant)).await;
    assert_eq!(status, 200, "{body}");
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{body}");
    let invoice = &items[0];
    assert_eq!(
        (
            invoice["subtotal_cents"].as_i64(),
            invoice["tax_cents"].as_i64(),
            invoice["total_cents"].as_i64()
        ),
        (Some(4900), Some(980), Some(5880))
    );
    assert_eq!(invoice["currency"], "EUR");
    assert!(invoice["paid_at"].is_string());
    let number = invoice["number"].as_str().unwrap();
    let res = app
        .get(&tenant.host, invoice["pdf"].as_str().unwrap())
        .bearer_auth(app.owner_token(&tenant))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let text = pdf_text(&res.bytes().await.unwrap());
    assert!(text.contains(number), "{text}");
    assert!(text.contains(&format!("Tenant {}", tenant.slug)), "{text}");
    assert!(text.contains("58.80 EUR"), "{text}");
    assert!(text.contains("Pro plan"), "{text}");
    assert!(text.contains(BASE_DOMAIN), "{text}");
}

#[tokio::test]
async fn invoices_are_listed_newest_first() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-list");
    pay(&app, &tenant).await;
    pay(&app, &tenant).await;
    let (_, body) = list(&app, &tenant, &app.owner_token(&tenant)).await;
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{body}");
    assert!(items[0]["issued_at"].as_str() >= items[1]["issued_at"].as_str());
    assert_ne!(items[0]["number"], items[1]["number"]);
}

#[tokio::test]
async fn another_tenants_invoice_is_not_found_and_staff_see_none() {
    let app = billing_app().await;
    let a = tenant_on_pro("pay-a");
    let b = tenant_on_pro("pay-b");
    pay(&app, &a).await;
    let (_, body) = list(&app, &a, &app.owner_token(&a)).await;
    let pdf = body["items"][0]["pdf"].as_str().unwrap().to_string();
    let b_owner = app.owner_token(&b);
    let (status, problem) = json_of(
        app.get(&b.host, &pdf)
            .bearer_auth(&b_owner)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, &problem["code"]),
        (404, &json!("invoice_not_found")),
        "{problem}"
    );
    let (_, b_list) = list(&app, &b, &b_owner).await;
    assert_eq!(b_list["items"], json!([]));
    let staff = app.member_token(&a, Role::Staff);
    assert_eq!(list(&app, &a, &staff).await.0, 403);
    let (status, _) = json_of(
        app.get(&a.host, &pdf)
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
}
