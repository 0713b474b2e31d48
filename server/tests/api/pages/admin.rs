//! The back office in a real browser: a staff member signs in, finds the
//! booking on the day calendar and marks it completed; a customer's
//! session gets the 403 page there.

use diesel::prelude::*;
use diesel::sql_types::Text;
use fantoccini::Locator;

use super::browser::{site_url, Browser};
use crate::bookings::{future_date, salon_on};
use crate::support::*;

#[derive(QueryableByName)]
struct StatusRow {
    #[diesel(sql_type = Text)]
    status: String,
}

fn status_of(conn: &mut PgConnection, schema: &str, id: &str) -> String {
    diesel::sql_query(format!(
        "SELECT status FROM \"{schema}\".bookings WHERE id = $1::uuid"
    ))
    .bind::<Text, _>(id)
    .get_result::<StatusRow>(conn)
    .unwrap()
    .status
}

/// A platform account with the staff role on the tenant, and a password.
pub(super) fn staff_member(conn: &mut PgConnection, tenant: &TestTenant, email: &str) {
    super::back_office::member(conn, tenant, email, identity::Role::Staff);
}

async fn sign_in(b: &Browser, url: &str, email: &str) {
    b.goto(url).await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.click("form.stack button[type=submit]").await;
}

#[tokio::test]
async fn staff_complete_a_booking_from_the_calendar_and_customers_are_kept_out() {
    let db = PrivateDb::create();
    let tenant = db.provision("admin");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 1).await;
    let mut conn = db.conn();
    let staff_email = unique_email("staff");
    staff_member(&mut conn, &s.tenant, &staff_email);
    let customer_email = unique_email("guest");
    let booking = s.book_first(3, &customer_email).await;
    let id = booking["id"].as_str().unwrap().to_string();
    let Some(b) = Browser::start(1280).await else {
        return;
    };
    let host = &s.tenant.host;

    // Not signed in: the back office sends the browser to its sign-in page.
    b.goto(&site_url(&s.app, host, "/admin")).await;
    b.expect_path("/admin/login").await;
    sign_in(&b, &site_url(&s.app, host, "/admin/login"), &staff_email).await;
    b.expect_path("/admin/calendar").await;

    let day = future_date(3);
    b.goto(&site_url(
        &s.app,
        host,
        &format!("/admin/calendar?date={day}"),
    ))
    .await;
    let block = format!(".block a[href='/admin/bookings/{id}']");
    let text = b.text(&block).await;
    assert!(text.contains("Haircut"), "{text}");
    assert!(text.contains("Ada Guest"), "{text}");
    b.click(&block).await;
    b.expect_path(format!("/admin/bookings/{id}")).await;

    // A pending booking is confirmed first; then it can be completed.
    if b.client
        .find(Locator::Css("button[data-status=confirmed]"))
        .await
        .is_ok()
    {
        b.click("button[data-status=confirmed]").await;
        b.expect_attr("#status", "data-status", "confirmed").await;
        assert_eq!(status_of(&mut conn, &s.tenant.schema, &id), "confirmed");
    }
    b.click("button[data-status=completed]").await;
    b.expect_path(format!("/admin/bookings/{id}")).await;
    b.expect_attr("#status", "data-status", "completed").await;
    assert_eq!(status_of(&mut conn, &s.tenant.schema, &id), "completed");

    // Signed out, then in as a customer: the back office is refused.
    b.click("#sign-out").await;
    let customer = unique_email("cust");
    customer_account(&s.app, &s.tenant, &customer).await;
    sign_in(&b, &site_url(&s.app, host, "/account/login"), &customer).await;
    b.expect_path("/account").await;
    for path in [
        "/admin",
        "/admin/calendar",
        &format!("/admin/bookings/{id}"),
    ] {
        b.goto(&site_url(&s.app, host, path)).await;
        let status = b.attr("section.error", "data-status").await;
        assert_eq!(status.as_deref(), Some("403"), "{path}");
        assert_eq!(b.text("h1").await, "Not allowed");
    }
    b.quit().await;
}
