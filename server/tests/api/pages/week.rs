//! The back office's week view over plain HTTP: a staff member sees the
//! week's bookings with links to their pages (and not another week's); a
//! customer's session gets 403, no session is sent to the sign-in page.

use super::admin::staff_member;
use super::back_office::{get, staff_login};
use super::sessions::page_login;
use crate::bookings::{future_date, salon_on};
use crate::support::*;

#[tokio::test]
async fn the_week_view_shows_that_weeks_bookings_to_staff_only() {
    let db = PrivateDb::create();
    let tenant = db.provision("week");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 1).await;
    let mut conn = db.conn();
    let staff_email = unique_email("staff");
    staff_member(&mut conn, &s.tenant, &staff_email);
    // Two weeks apart: never in the same Monday-to-Sunday week.
    let this_week = s.book_first(10, &unique_email("guest")).await;
    let other_week = s.book_first(24, &unique_email("guest")).await;
    let id = this_week["id"].as_str().unwrap();
    let other = other_week["id"].as_str().unwrap();
    let host = &s.tenant.host;
    let day = future_date(10);
    let path = format!("/admin/calendar/week?date={day}");

    // No session: sent to the back office's sign-in page.
    let (status, _, location) = get(&s.app, host, &path, "").await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/login");

    // Staff: the week's booking, linking to its page; not the other week's.
    let cookies = staff_login(&s.app, host, &staff_email).await;
    let (status, html, _) = get(&s.app, host, &path, &cookies).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(&format!("href=\"/admin/bookings/{id}\"")),
        "{html}"
    );
    assert!(!html.contains(other), "{html}");
    assert!(html.contains("Haircut"), "{html}");
    assert!(
        html.contains(&format!("/admin/calendar?date={day}")),
        "{html}"
    );
    assert!(html.contains("rel=\"prev\""), "{html}");
    assert!(html.contains("rel=\"next\""), "{html}");
    // The booking's page opens from the link.
    let (status, _, _) = get(&s.app, host, &format!("/admin/bookings/{id}"), &cookies).await;
    assert_eq!(status, 200);
    // The day view links to the week view.
    let (status, html, _) = get(
        &s.app,
        host,
        &format!("/admin/calendar?date={day}"),
        &cookies,
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("href=\"{path}\"")), "{html}");
    // The other booking's week shows it, and not the first.
    let (status, html, _) = get(
        &s.app,
        host,
        &format!("/admin/calendar/week?date={}", future_date(24)),
        &cookies,
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("/admin/bookings/{other}")), "{html}");
    assert!(!html.contains(id), "{html}");

    // A customer's session: the 403 page.
    let customer = unique_email("cust");
    customer_account(&s.app, &s.tenant, &customer).await;
    let cookies = page_login(&s.app, host, &customer, PASSWORD).await;
    let (status, html, _) = get(&s.app, host, &path, &cookies).await;
    assert_eq!(status, 403, "{html}");
    assert!(!html.contains(id), "{html}");
}
