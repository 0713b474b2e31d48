//! The time a visitor chose is taken by someone else before they submit:
//! the page says so and shows the times still free; one booking stands.

use diesel::prelude::*;

use super::browser::{site_url, Browser};
use super::flow::held_at;
use crate::bookings::salon;
use crate::support::*;

#[tokio::test]
async fn a_time_taken_meanwhile_shows_fresh_times_and_books_nothing() {
    let s = salon("Europe/Paris", 1).await;
    let Some(b) = Browser::start(1280).await else {
        return;
    };
    b.goto(&site_url(
        &s.app,
        &s.tenant.host,
        &format!("/book/{}", s.service_id),
    ))
    .await;
    b.click(".days li:nth-child(4) a.day").await;
    b.click("a.slot").await;
    let start = b.attr("input[name=start]", "value").await.unwrap();
    b.fill("#name", "Late Larry").await;
    b.fill("#email", "larry@example.com").await;

    let (status, body) = s.book(&start, None, "quick@example.com").await;
    assert_eq!(status, 201, "{body}");
    b.click("form.stack button[type=submit]").await;

    b.expect_path(format!("/book/{}", s.service_id)).await;
    let notice = b.text("#notice").await;
    assert!(notice.contains("someone has just booked"), "{notice}");
    let hrefs: Vec<String> = {
        let mut out = Vec::new();
        for a in b
            .client
            .find_all(fantoccini::Locator::Css("a.slot"))
            .await
            .unwrap()
        {
            out.push(a.attr("href").await.unwrap().unwrap_or_default());
        }
        out
    };
    assert!(!hrefs.is_empty(), "other times are offered");
    let taken = serde_urlencoded::to_string([("start", &start)]).unwrap();
    assert!(
        hrefs.iter().all(|h| !h.contains(&taken)),
        "the taken time is not offered: {hrefs:?}"
    );
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &start), 1);
    b.quit().await;
}
