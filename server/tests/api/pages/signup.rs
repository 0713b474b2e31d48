//! The platform's sign-up page: the form in each language, refusals beside
//! their fields, and the new owner landing signed in on the new site's back
//! office through a single-use code.

use reqwest::header::{COOKIE, LOCATION};

use super::sessions::{csrf_field, page, pair, post, set_cookies};
use crate::support::*;

const PLATFORM: &str = BASE_DOMAIN;

#[tokio::test]
async fn a_business_signs_up_in_the_browser_and_lands_in_its_back_office() {
    let app = spawn_app().await;
    let (status, html, cookies) = page(&app, PLATFORM, "/signup", "").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("value=\"basic\""), "the plans are offered");
    assert!(
        html.contains(&format!(".{PLATFORM}")),
        "the address's suffix is shown"
    );
    let csrf = csrf_field(&html);

    let slug = random_slug("page");
    let email = unique_email("page");
    let form = |slug: &str, email: &str| {
        vec![
            ("csrf_token".to_string(), csrf.clone()),
            ("business_name".into(), "Clinique du Parc".into()),
            ("slug".into(), slug.to_string()),
            ("name".into(), "Camille Owner".into()),
            ("email".into(), email.to_string()),
            ("password".into(), PASSWORD.into()),
            ("plan".into(), "pro".into()),
        ]
    };
    let owned = form(&slug, &email);
    let fields: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = post(&app, PLATFORM, "/signup", &cookies, &fields).await;
    assert_eq!(res.status(), 303);
    let to = res.headers()[LOCATION].to_str().unwrap().to_string();
    let host = format!("{slug}.{PLATFORM}");
    assert!(
        to.starts_with(&format!("http://{host}/admin/welcome?code=")),
        "{to}"
    );
    let path = &to[to.find("/admin/welcome").unwrap()..];

    // On the new site the code becomes its session cookie, once.
    let res = app.get(&host, path).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/admin");
    let session: Vec<String> = set_cookies(&res)
        .iter()
        .map(|c| pair(c))
        .filter(|c| c.starts_with("session="))
        .collect();
    assert_eq!(session.len(), 1, "a session cookie is set");
    let res = app
        .get(&host, "/admin/calendar")
        .header(COOKIE, &session[0])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "signed in as the owner");
    let again = app.get(&host, path).send().await.unwrap();
    assert_eq!(
        again.headers()[LOCATION],
        "/admin/login",
        "the code works once"
    );
    // The code means nothing on another site.
    let other = provision_tenant("other");
    let res = app.get(&other.host, path).send().await.unwrap();
    assert_eq!(res.headers()[LOCATION], "/admin/login");

    // The same address again: the form comes back with the reason beside it.
    let owned = form(&slug, &unique_email("again"));
    let fields: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = post(&app, PLATFORM, "/signup", &cookies, &fields).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"slug-error\""), "{html}");
    assert!(html.contains("Clinique du Parc"), "what was typed is kept");
}

#[tokio::test]
async fn the_form_speaks_arabic_right_to_left_and_is_not_on_tenant_sites() {
    let app = spawn_app().await;
    let (status, html, _) = page(&app, PLATFORM, "/signup?lang=ar", "").await;
    assert_eq!(status, 200);
    assert!(html.contains("dir=\"rtl\""), "{html}");
    assert!(html.contains("أنشئ موقعي"), "{html}");
    let tenant = provision_tenant("nosign");
    let (status, _, _) = page(&app, &tenant.host, "/signup", "").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_input_is_shown_beside_each_field() {
    let app = spawn_app().await;
    let (_, html, cookies) = page(&app, PLATFORM, "/signup", "").await;
    let csrf = csrf_field(&html);
    let res = post(
        &app,
        PLATFORM,
        "/signup",
        &cookies,
        &[
            ("csrf_token", &csrf),
            ("business_name", ""),
            ("slug", "www"),
            ("name", "Camille"),
            ("email", "not-an-email"),
            ("password", "short"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for field in ["business_name", "slug", "email", "password"] {
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{field}: {html}"
        );
    }
    // Without the CSRF token nothing is made.
    let res = post(&app, PLATFORM, "/signup", &cookies, &[("slug", "x")]).await;
    assert_eq!(res.status(), 403);
}
