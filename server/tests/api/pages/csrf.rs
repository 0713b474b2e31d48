//! State-changing forms need the CSRF token of the visitor's cookie: a post
//! without it, or with another's, gets the 403 page and books nothing; with
//! it, the booking form answers 303 to the confirmation page.

use diesel::prelude::*;
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};

use super::flow::held_at;
use crate::bookings::{future_date, salon, Salon};
use crate::support::*;

/// The booking page with a time chosen: its csrf cookie and form token.
async fn form_of(s: &Salon, start: &str) -> (String, String) {
    let query = serde_urlencoded::to_string([("start", start)]).unwrap();
    let res = s
        .app
        .get(&s.tenant.host, &format!("/book/{}?{query}", s.service_id))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("csrf="))
        .expect("a csrf cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let cookie = cookie.split(';').next().unwrap().to_string();
    let html = res.text().await.unwrap();
    let marker = "name=\"csrf_token\" value=\"";
    let at = html.find(marker).expect("a csrf_token field") + marker.len();
    let token = html[at..].split('"').next().unwrap().to_string();
    (cookie, token)
}

fn form(start: &str, token: Option<&str>) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("start", start.to_string()),
        ("staff_id", String::new()),
        ("name", "Cora Csrf".into()),
        ("email", "cora@example.com".into()),
        ("phone", String::new()),
        ("notes", String::new()),
    ];
    if let Some(t) = token {
        f.push(("csrf_token", t.to_string()));
    }
    f
}

#[tokio::test]
async fn a_post_without_the_token_is_refused_and_books_nothing() {
    let s = salon("Europe/Paris", 1).await;
    let start = s.slots(&future_date(5), None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let (cookie, token) = form_of(&s, &start).await;
    let path = format!("/book/{}", s.service_id);
    let post = |body: Vec<(&'static str, String)>, cookie: Option<String>| {
        let mut req = s
            .app
            .post(&s.tenant.host, &path)
            .header(ACCEPT, "text/html")
            .form(&body);
        if let Some(c) = cookie {
            req = req.header(COOKIE, c);
        }
        req.send()
    };

    for (body, cookie) in [
        (form(&start, None), Some(cookie.clone())),
        (form(&start, Some(&token)), None),
        (form(&start, Some("forged")), Some(cookie.clone())),
        (
            form(&start, Some(&token)),
            Some("csrf=someone-elses".into()),
        ),
    ] {
        let res = post(body, cookie).await.unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = res.text().await.unwrap();
        assert!(html.contains("Not allowed"), "{html}");
    }
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &start), 0);

    let res = post(form(&start, Some(&token)), Some(cookie))
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/booking/") && location.ends_with("/confirmed"),
        "{location}"
    );
    assert_eq!(held_at(&mut conn, &s.tenant.schema, &start), 1);
}
