//! What the back office's HTTP page tests share: a member of a tenant
//! with a role and a password, and a signed-in visit that reads pages
//! and posts forms with the page's CSRF token.

use diesel::prelude::*;
use diesel::PgConnection;
use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use reqwest::Response;

use crate::support::*;

/// A platform account with `role` on the tenant, and the test password.
pub fn member(conn: &mut PgConnection, tenant: &TestTenant, email: &str, role: identity::Role) {
    use kernel::schema::public::{memberships, users};
    let user_id = uuid::Uuid::new_v4();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(user_id),
            users::email.eq(email),
            users::password_hash.eq(identity::password::hash(PASSWORD).unwrap()),
            users::name.eq("Sam Member"),
        ))
        .execute(conn)
        .unwrap();
    diesel::insert_into(memberships::table)
        .values((
            memberships::user_id.eq(user_id),
            memberships::tenant_id.eq(tenant.id),
            memberships::role.eq(role),
        ))
        .execute(conn)
        .unwrap();
}

/// The `name=value` pairs of the cookies a response sets.
pub fn cookie_pairs(res: &Response) -> Vec<String> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect()
}

/// The value of the first hidden `csrf_token` field of a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let at = html.find(marker).expect("a csrf_token field") + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// A status, the body and the `Location` (empty when none).
pub type Answer = (u16, String, String);

async fn answer(res: Response) -> Answer {
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, res.text().await.unwrap(), location)
}

/// A page, with `cookies` (may be empty).
pub async fn get(app: &TestApp, host: &str, path: &str, cookies: &str) -> Answer {
    let mut req = app.get(host, path).header(ACCEPT, "text/html");
    if !cookies.is_empty() {
        req = req.header(COOKIE, cookies);
    }
    answer(req.send().await.unwrap()).await
}

/// Signs in on `/admin/login`; the signed-in cookie header.
pub async fn staff_login(app: &TestApp, host: &str, email: &str) -> String {
    let res = app
        .get(host, "/admin/login")
        .header(ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookies = cookie_pairs(&res).join("; ");
    let token = csrf_of(&res.text().await.unwrap());
    let res = app
        .post(host, "/admin/login")
        .header(ACCEPT, "text/html")
        .header(COOKIE, &cookies)
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/admin/calendar");
    let signed_in = cookie_pairs(&res);
    assert!(signed_in.iter().any(|c| c.starts_with("session=")));
    signed_in.join("; ")
}

/// A signed-in member's visit to the back office.
pub struct Office<'a> {
    pub app: &'a TestApp,
    pub host: String,
    pub cookies: String,
    csrf: String,
}

impl<'a> Office<'a> {
    /// Signs `email` in on the tenant at `host`.
    pub async fn sign_in(app: &'a TestApp, host: &str, email: &str) -> Office<'a> {
        let cookies = staff_login(app, host, email).await;
        let (status, html, _) = get(app, host, "/admin/calendar", &cookies).await;
        assert_eq!(status, 200, "{html}");
        Office {
            app,
            host: host.to_string(),
            csrf: csrf_of(&html),
            cookies,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        get(self.app, &self.host, path, &self.cookies).await
    }

    /// Posts the form with the visit's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let mut fields = fields.to_vec();
        fields.push(("csrf_token", &self.csrf));
        self.post_exactly(path, &fields).await
    }

    /// Posts exactly these fields (a test of a missing or wrong token).
    pub async fn post_exactly(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let res = self
            .app
            .post(&self.host, path)
            .header(ACCEPT, "text/html")
            .header(COOKIE, &self.cookies)
            .form(fields)
            .send()
            .await
            .unwrap();
        answer(res).await
    }
}
