//! The manage page's "Change the time": the strip and free times as forms;
//! a post with the CSRF token moves the booking, one without is refused and
//! moves nothing, a time taken meanwhile shows the fresh times, and past
//! the cancellation notice the page says the booking can no longer change.

use diesel::prelude::*;
use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use serde_json::json;

use super::flow::held_at;
use crate::bookings::{future_date, salon};
use crate::support::*;

/// The reschedule page: its csrf cookie, form token and html.
async fn page_of(s: &crate::bookings::Salon, path: &str) -> (String, String, String) {
    let res = s.app.get(&s.tenant.host, path).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("csrf="))
        .expect("a csrf cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    let marker = "name=\"csrf_token\" value=\"";
    let at = html.find(marker).expect("a csrf_token field") + marker.len();
    let token = html[at..].split('"').next().unwrap().to_string();
    (cookie, token, html)
}

#[tokio::test]
async fn the_manage_page_moves_the_booking_to_a_free_time() {
    let s = salon("Europe/Paris", 1).await;
    let host = &s.tenant.host;
    let date = future_date(30);
    let slots = s.slots(&date, None).await;
    let start = |i: usize| slots[i]["start"].as_str().unwrap().to_string();
    let (first, taken, second) = (start(0), start(3), start(5));
    let (status, booking) = s.book(&first, None, "move@example.com").await;
    assert_eq!(status, 201, "{booking}");
    let token = booking["manage_token"].as_str().unwrap().to_string();
    let mut conn = PgConnection::establish(&database_url()).unwrap();

    // The manage page links the reschedule page at the booking's day.
    let manage = s
        .app
        .get(host, &format!("/booking/{token}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let link = format!("/booking/{token}/reschedule?date={date}");
    assert!(manage.contains(&link), "{manage}");

    let (cookie, csrf, html) = page_of(&s, &link).await;
    assert!(html.contains("class=\"days\""), "the date strip: {html}");
    assert!(
        html.contains(&format!("name=\"start\" value=\"{second}\"")),
        "{second} is offered: {html}"
    );
    let path = format!("/booking/{token}/reschedule");
    let post = |body: Vec<(&'static str, String)>, cookie: Option<String>| {
        let mut req = s
            .app
            .post(host, &path)
            .header(ACCEPT, "text/html")
            .form(&body);
        if let Some(c) = cookie {
            req = req.header(COOKIE, c);
        }
        req.send()
    };

    // Without the CSRF token: 403, nothing moves.
    for (body, c) in [
        (vec![("start", second.clone())], Some(cookie.clone())),
        (
            vec![("start", second.clone()), ("csrf_token", csrf.clone())],
            None,
        ),
    ] {
        let res = post(body, c).await.unwrap();
        assert_eq!(res.status(), 403);
    }
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &first), 1);
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &second), 0);

    // A time someone else booked meanwhile: the message and fresh times.
    let (status, other) = s.book(&taken, None, "other@example.com").await;
    assert_eq!(status, 201, "{other}");
    let res = post(
        vec![("start", taken.clone()), ("csrf_token", csrf.clone())],
        Some(cookie.clone()),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("someone has just booked"), "{html}");
    assert!(!html.contains(&format!("value=\"{taken}\"")), "{html}");
    assert!(html.contains(&format!("value=\"{second}\"")), "{html}");
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &first), 1);

    // With the token: 303 to the manage page, which shows the new time.
    let res = post(
        vec![("start", second.clone()), ("csrf_token", csrf.clone())],
        Some(cookie.clone()),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/booking/{token}")),
        "{location}"
    );
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &first), 0);
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &second), 1);
    let html = s
        .app
        .get(host, &location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Your booking is moved to"), "{html}");

    // Past the cancellation notice: the page says it can no longer change.
    let (status, body) = json_of(
        s.app
            .put(host, "/api/v1/booking-settings")
            .bearer_auth(s.app.owner_token(&s.tenant))
            .json(&json!({ "cancellation_notice_minutes": 525_600 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let res = post(
        vec![("start", first.clone()), ("csrf_token", csrf.clone())],
        Some(cookie.clone()),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("can no longer be changed"), "{html}");
    let html = s
        .app
        .get(host, &link)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("can no longer be changed"), "{html}");
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &second), 1);
}

/// The booking's start as the JSON API shows it to staff.
async fn start_of(s: &crate::bookings::Salon, id: &str) -> String {
    let (status, body) = json_of(
        s.app
            .get(&s.tenant.host, &format!("/api/v1/bookings/{id}"))
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["start"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn staff_move_a_booking_from_its_back_office_page() {
    use super::back_office::{member, Office};
    let s = salon("Europe/Paris", 1).await;
    let date = future_date(31);
    let slots = s.slots(&date, None).await;
    let start = |i: usize| slots[i]["start"].as_str().unwrap().to_string();
    let (first, taken, second) = (start(0), start(2), start(4));
    let (status, booking) = s.book(&first, None, "staff-move@example.com").await;
    assert_eq!(status, 201, "{booking}");
    let id = booking["id"].as_str().unwrap().to_string();
    let email = unique_email("mover");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    member(&mut conn, &s.tenant, &email, identity::Role::Staff);
    let office = Office::sign_in(&s.app, &s.tenant.host, &email).await;

    // The booking's page links the reschedule page, which offers times.
    let (status, html, _) = office.get(&format!("/admin/bookings/{id}")).await;
    assert_eq!(status, 200, "{html}");
    let path = format!("/admin/bookings/{id}/reschedule");
    assert!(html.contains(&format!("href=\"{path}\"")), "{html}");
    let (status, html, _) = office.get(&format!("{path}?date={date}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(&format!("name=\"start\" value=\"{second}\"")),
        "{html}"
    );

    // Without the CSRF token: 403, and the booking stays.
    let (status, _, _) = office.post_exactly(&path, &[("start", &second)]).await;
    assert_eq!(status, 403);
    assert_eq!(start_of(&s, &id).await, first);

    // A time someone else took meanwhile: 409 with that day's fresh times.
    let (status, other) = s.book(&taken, None, "staff-move-other@example.com").await;
    assert_eq!(status, 201, "{other}");
    let (status, html, _) = office.post(&path, &[("start", &taken)]).await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("id=\"notice\""), "{html}");
    assert!(
        html.contains(&format!("name=\"start\" value=\"{second}\"")),
        "{html}"
    );
    assert_eq!(start_of(&s, &id).await, first);

    // A free time: the booking moves, and its page says so.
    let (status, _, location) = office.post(&path, &[("start", &second)]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/admin/bookings/{id}?rescheduled=1"));
    assert_eq!(start_of(&s, &id).await, second);

    // A cancelled booking cannot move: its page, not the times.
    let (status, _, _) = office
        .post(
            &format!("/admin/bookings/{id}/status"),
            &[("status", "cancelled")],
        )
        .await;
    assert_eq!(status, 303);
    let (status, _, location) = office.get(&path).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/admin/bookings/{id}"));
    let (status, _, _) = office.post(&path, &[("start", &first)]).await;
    assert_eq!(status, 409);
    assert_eq!(start_of(&s, &id).await, second);
}
