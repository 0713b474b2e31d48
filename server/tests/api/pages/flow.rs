//! A visitor books on a tenant's site in a real browser: home, service,
//! day, time, details, confirmation; the booking is stored, the mail with
//! the manage page's link arrives, and cancelling there frees the time.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::browser::{site_url, Browser};
use crate::bookings::salon_on;
use crate::support::*;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Bookings holding time at `start` in the tenant's schema.
pub fn held_at(conn: &mut PgConnection, schema: &str, start: &str) -> i64 {
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM \"{schema}\".bookings \
         WHERE starts_at = $1::timestamptz AND status IN ('pending', 'confirmed')"
    ))
    .bind::<Text, _>(start)
    .get_result::<Count>(conn)
    .unwrap()
    .n
}

#[tokio::test]
async fn a_visitor_books_gets_the_mail_and_cancels_through_its_link() {
    let db = PrivateDb::create();
    let tenant = db.provision("pages");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 1).await;
    let Some(b) = Browser::start(1280).await else {
        return;
    };
    let host = &s.tenant.host;

    b.goto(&site_url(&s.app, host, "/")).await;
    assert_eq!(b.text("h1").await, format!("Tenant {}", s.tenant.slug));
    assert!(b.text(".service").await.contains("Haircut"));
    b.click(&format!("a[href='/book/{}']", s.service_id)).await;
    b.expect_path(format!("/book/{}", s.service_id)).await;

    // The third day of the strip: never today, whose times may be past.
    b.click(".days li:nth-child(3) a.day").await;
    let zone_note = b.text("#times-title + .hint").await;
    assert!(zone_note.contains("Europe/Paris"), "{zone_note}");
    b.click("a.slot").await;
    let start = b.attr("input[name=start]", "value").await.unwrap();
    b.fill("#name", "Vera Visitor").await;
    b.fill("#email", "vera@example.com").await;
    b.fill("#phone", "+33 6 12 34 56 78").await;
    b.fill("#notes", "First visit").await;
    b.click("#marketing_consent").await;
    b.click("form.stack button[type=submit]").await;

    let path = b.path().await;
    assert!(
        path.starts_with("/booking/") && path.ends_with("/confirmed"),
        "{path}"
    );
    assert_eq!(b.text("h1").await, "Your booking is confirmed");
    assert!(b.text(".details").await.contains("Haircut"));
    let ics = b.attr("a[href$='calendar.ics']", "href").await.unwrap();
    let token = path
        .trim_start_matches("/booking/")
        .trim_end_matches("/confirmed")
        .to_string();
    assert_eq!(ics, format!("/booking/{token}/calendar.ics"));
    assert_eq!(held_at(&mut db.conn(), &s.tenant.schema, &start), 1);

    let mail = s
        .app
        .mail
        .wait_for("vera@example.com", "Booking confirmed")
        .await;
    let text = decode_qp(&mail.data);
    let link = site_url(&s.app, host, &format!("/booking/{token}"));
    assert!(
        text.contains(&link),
        "the mail links the manage page:\n{text}"
    );
    assert!(!text.contains("/api/v1/bookings/manage/"), "{text}");

    b.goto(&link).await;
    assert_eq!(b.text("h1").await, "Your booking");
    b.fill("#reason", "Cannot come after all").await;
    b.click("form.stack button.danger").await;
    b.expect_path(format!("/booking/{token}")).await;
    b.expect_attr(".status", "data-status", "cancelled").await;
    assert!(b.text("#notice").await.contains("cancelled"));
    assert_eq!(held_at(&mut db.conn(), &s.tenant.schema, &start), 0);
    let date = start[..10].to_string();
    let free: Vec<String> = s
        .slots(&date, None)
        .await
        .iter()
        .map(|v| v["start"].as_str().unwrap().to_string())
        .collect();
    assert!(free.contains(&start), "{start} is free again: {free:?}");
    b.quit().await;
}
