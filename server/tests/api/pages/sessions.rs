//! Page sessions over plain HTTP: the cookie a sign-in sets, bound to its
//! tenant; logout ending the session on the server; registering through
//! the pages and the mailed link; posts without the CSRF token refused.

use diesel::prelude::*;
use diesel::sql_types::Text;
use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use reqwest::Response;

use crate::bookings::{future_date, salon_on};
use crate::support::*;

/// The cookies a response sets, as `name=value` pairs.
pub(crate) fn set_cookies(res: &Response) -> Vec<String> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_string)
        .collect()
}

pub(crate) fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

/// The `csrf_token` field of a page.
pub(crate) fn csrf_field(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let at = html.find(marker).expect("a csrf_token field") + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// A page fetched with `cookies`: status, html, and the cookie header the
/// browser would send next (the csrf cookie the page set, when it did).
pub(crate) async fn page(
    app: &TestApp,
    host: &str,
    path: &str,
    cookies: &str,
) -> (u16, String, String) {
    let mut req = app.get(host, path).header(ACCEPT, "text/html");
    if !cookies.is_empty() {
        req = req.header(COOKIE, cookies);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let mut jar: Vec<String> = cookies
        .split("; ")
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    for c in set_cookies(&res) {
        let p = pair(&c);
        let name = p.split('=').next().unwrap().to_string();
        jar.retain(|old| !old.starts_with(&format!("{name}=")));
        jar.push(p);
    }
    (status, res.text().await.unwrap(), jar.join("; "))
}

pub(crate) async fn post(
    app: &TestApp,
    host: &str,
    path: &str,
    cookies: &str,
    form: &[(&str, &str)],
) -> Response {
    app.post(host, path)
        .header(ACCEPT, "text/html")
        .header(COOKIE, cookies)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// Signs in on the pages; the cookie header of the signed-in browser.
pub async fn page_login(app: &TestApp, host: &str, email: &str, password: &str) -> String {
    let (status, html, cookies) = page(app, host, "/account/login", "").await;
    assert_eq!(status, 200);
    let token = csrf_field(&html);
    let res = post(
        app,
        host,
        "/account/login",
        &cookies,
        &[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account");
    signed_in_cookies(&res)
}

/// The cookies a sign-in answer sets: a new session and a new CSRF cookie.
fn signed_in_cookies(res: &Response) -> String {
    let set = set_cookies(res);
    let session = set
        .iter()
        .find(|c| c.starts_with("session="))
        .expect("a session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(session.contains("Path=/"), "{session}");
    assert!(!session.to_lowercase().contains("domain="), "{session}");
    let csrf = set
        .iter()
        .find(|c| c.starts_with("csrf="))
        .expect("a fresh csrf cookie");
    format!("{}; {}", pair(session), pair(csrf))
}

/// The account page's greeting names `name` (Fluent wraps the name in
/// directional isolates, so only the name itself is looked for).
fn signed_in_as(html: &str, name: &str) -> bool {
    html.split("id=\"greeting\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .is_some_and(|greeting| greeting.contains(name))
}

#[tokio::test]
async fn a_session_cookie_of_one_tenant_does_not_sign_in_on_another() {
    let app = spawn_app().await;
    let a = provision_tenant("sess-a");
    let b = provision_tenant("sess-b");
    let email = unique_email("cookie");
    customer_account(&app, &a, &email).await;

    let cookies = page_login(&app, &a.host, &email, PASSWORD).await;
    let (status, html, _) = page(&app, &a.host, "/account", &cookies).await;
    assert_eq!(status, 200);
    assert!(signed_in_as(&html, "Ann Example"), "{html}");

    // The same cookie on another tenant's host: nobody is signed in.
    let res = app
        .get(&b.host, "/account")
        .header(ACCEPT, "text/html")
        .header(COOKIE, &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account/login");
    let (status, html, _) = page(&app, &b.host, "/", &cookies).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"sign-in-link\""), "{html}");
    assert!(!html.contains("id=\"sign-out\""), "{html}");
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_and_sets_no_session() {
    let app = spawn_app().await;
    let t = provision_tenant("sess-pw");
    let email = unique_email("wrong");
    customer_account(&app, &t, &email).await;
    let (_, html, cookies) = page(&app, &t.host, "/account/login", "").await;
    let res = post(
        &app,
        &t.host,
        "/account/login",
        &cookies,
        &[
            ("email", email.as_str()),
            ("password", "not-the-password-1"),
            ("csrf_token", &csrf_field(&html)),
        ],
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(!set_cookies(&res).iter().any(|c| c.starts_with("session=")));
    let html = res.text().await.unwrap();
    assert!(
        html.contains("The email or password is not correct."),
        "{html}"
    );
    assert!(html.contains(&format!("value=\"{email}\"")), "{html}");
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let t = provision_tenant("sess-out");
    let email = unique_email("logout");
    customer_account(&app, &t, &email).await;
    let cookies = page_login(&app, &t.host, &email, PASSWORD).await;
    let (status, html, cookies) = page(&app, &t.host, "/account", &cookies).await;
    assert_eq!(status, 200);

    let res = post(
        &app,
        &t.host,
        "/account/logout",
        &cookies,
        &[("csrf_token", &csrf_field(&html))],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/");
    let removal = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("session="))
        .expect("the session cookie removed");
    assert!(removal.contains("Max-Age=0"), "{removal}");

    // A copy of the old cookie, kept by an attacker, signs in no more.
    let res = app
        .get(&t.host, "/account")
        .header(ACCEPT, "text/html")
        .header(COOKIE, &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account/login");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let live: i64 = kernel::schema::public::refresh_tokens::table
        .filter(kernel::schema::public::refresh_tokens::tenant_id.eq(t.id))
        .filter(kernel::schema::public::refresh_tokens::revoked_at.is_null())
        .filter(kernel::schema::public::refresh_tokens::customer_id.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    // The API login of the fixture is still live; the page session is not.
    assert_eq!(live, 1);
}

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

#[tokio::test]
async fn a_customer_registers_follows_the_link_and_sees_their_booking() {
    let db = PrivateDb::create();
    let tenant = db.provision("sess-reg");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 1).await;
    let host = s.tenant.host.clone();
    let email = unique_email("reg");
    // A guest booking first: the account opens the same customer record.
    let booking = s.book_first(4, &email).await;
    let booking_id = booking["id"].as_str().unwrap().to_string();

    let (status, html, cookies) = page(&s.app, &host, "/account/register", "").await;
    assert_eq!(status, 200);
    let res = post(
        &s.app,
        &host,
        "/account/register",
        &cookies,
        &[
            ("name", "Rita Register"),
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("marketing_consent", "true"),
            ("csrf_token", &csrf_field(&html)),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Check your email"), "{html}");

    let mail = s.app.mail.wait_for(&email, "/account/confirm").await;
    let token = token_in(&mail.data, "/account/confirm");
    let confirm_path = format!("/account/confirm?token={token}");
    // Opening the link (as a mail scanner does) uses nothing up.
    for _ in 0..2 {
        let (status, html, _) = page(&s.app, &host, &confirm_path, "").await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("value=\"{token}\"")), "{html}");
    }
    let (_, html, cookies) = page(&s.app, &host, &confirm_path, "").await;
    let res = post(
        &s.app,
        &host,
        "/account/confirm",
        &cookies,
        &[
            ("token", token.as_str()),
            ("csrf_token", &csrf_field(&html)),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account");
    let signed_in = signed_in_cookies(&res);

    let (status, html, _) = page(&s.app, &host, "/account", &signed_in).await;
    assert_eq!(status, 200);
    assert!(html.contains("Haircut"), "{html}");
    assert!(
        html.contains(&format!("/account/bookings/{booking_id}/cancel")),
        "{html}"
    );

    // The booking form comes filled with the account's name and email.
    let start = s.slots(&future_date(6), None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let query = serde_urlencoded::to_string([("start", start.as_str())]).unwrap();
    let (status, html, _) = page(
        &s.app,
        &host,
        &format!("/book/{}?{query}", s.service_id),
        &signed_in,
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("value=\"{email}\"")), "{html}");
    assert!(
        !html.contains("autocomplete=\"name\" required maxlength=\"200\" value=\"\""),
        "the name is filled: {html}"
    );

    // The link is spent: a second confirm is the dead-link page.
    let res = post(
        &s.app,
        &host,
        "/account/confirm",
        &signed_in,
        &[
            ("token", token.as_str()),
            ("csrf_token", &csrf_field(&html)),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    let mut conn = db.conn();
    assert_ne!(
        status_of(&mut conn, &s.tenant.schema, &booking_id),
        "cancelled"
    );
}

#[tokio::test]
async fn posts_without_the_csrf_token_are_refused_and_change_nothing() {
    let db = PrivateDb::create();
    let tenant = db.provision("sess-csrf");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 1).await;
    let host = s.tenant.host.clone();
    let email = unique_email("csrf");
    let booking = s.book_first(4, &email).await;
    let id = booking["id"].as_str().unwrap().to_string();
    // The account opens the booking's record: its address answered the link.
    sign_up(&s.app, &host, &email).await;
    let cookies = page_login(&s.app, &host, &email, PASSWORD).await;
    let (status, html, cookies) = page(&s.app, &host, "/account", &cookies).await;
    assert_eq!(status, 200);
    let token = csrf_field(&html);
    let mut conn = db.conn();
    let before = status_of(&mut conn, &s.tenant.schema, &id);

    for path in [
        format!("/account/bookings/{id}/cancel"),
        "/account/logout".to_string(),
    ] {
        for form in [vec![], vec![("csrf_token", "forged")]] {
            let res = post(&s.app, &host, &path, &cookies, &form).await;
            assert_eq!(res.status(), 403, "{path}");
            assert!(!set_cookies(&res).iter().any(|c| c.starts_with("session=")));
            assert!(res.text().await.unwrap().contains("Not allowed"));
        }
    }
    assert_eq!(status_of(&mut conn, &s.tenant.schema, &id), before);
    let (status, html, _) = page(&s.app, &host, "/account", &cookies).await;
    assert_eq!(status, 200, "still signed in");
    assert!(html.contains("id=\"sign-out\""));

    // With the token, the same cancel works.
    let res = post(
        &s.app,
        &host,
        &format!("/account/bookings/{id}/cancel"),
        &cookies,
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account?cancelled=1");
    assert_eq!(status_of(&mut conn, &s.tenant.schema, &id), "cancelled");
}
