//! A client's sign-in calls (register, login, refresh, me), and customer
//! accounts ready to use.

use diesel::{Connection, RunQueryDsl};
use serde_json::{json, Value};

use super::app::{json_of, TestApp};
use super::mail::{decode_qp, token_in};
use super::tenants::TestTenant;

pub const PASSWORD: &str = "correct-horse-9";

pub fn unique_email(tag: &str) -> String {
    format!(
        "{tag}-{}@example.com",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

pub async fn register(app: &TestApp, host: &str, email: &str) -> (u16, Value) {
    json_of(
        app.post(host, "/api/v1/auth/register")
            .json(&json!({ "email": email, "password": PASSWORD, "name": "Ann Example" }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

pub async fn login(app: &TestApp, host: &str, email: &str, password: &str) -> (u16, Value) {
    json_of(
        app.post(host, "/api/v1/auth/login")
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

pub async fn refresh(app: &TestApp, host: &str, token: &Value) -> (u16, Value) {
    json_of(
        app.post(host, "/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": token }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

pub async fn me(app: &TestApp, host: &str, access: &Value) -> (u16, Value) {
    json_of(
        app.get(host, "/api/v1/auth/me")
            .bearer_auth(access.as_str().unwrap())
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Completes a sign-up from the link mailed to `email` (an app on a
/// private database gets its own mail): the answer opens the account.
pub async fn confirm_sign_up(app: &TestApp, host: &str, email: &str) -> (u16, Value) {
    // The newest link of that site: the same address may sign up on others.
    let link = format!("http://{host}/account/confirm?token=");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let mail = loop {
        let found = app.mail.all().await.into_iter().rev().find(|m| {
            m.to.iter().any(|t| t.eq_ignore_ascii_case(email)) && decode_qp(&m.data).contains(&link)
        });
        if let Some(mail) = found {
            break mail;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no sign-up mail to {email} from {host}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let token = token_in(&mail.data, "/account/confirm");
    json_of(
        app.post(host, "/api/v1/auth/register/confirm")
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Registers and follows the mailed link: a signed-in customer account.
pub async fn sign_up(app: &TestApp, host: &str, email: &str) -> Value {
    let (status, body) = register(app, host, email).await;
    assert_eq!(status, 202, "{body}");
    let (status, body) = confirm_sign_up(app, host, email).await;
    assert_eq!(status, 201, "{body}");
    body
}

/// A customer account as a proven sign-up leaves it, made straight in the
/// tenant's schema (no mail needed), then signed in through the API: the
/// login answer. For tests about what a customer does, not how they join.
pub async fn customer_account(app: &TestApp, tenant: &TestTenant, email: &str) -> Value {
    let email = email.to_lowercase();
    let hash = identity::password::hash(PASSWORD).unwrap();
    let mut conn = diesel::PgConnection::establish(&app.app_state.settings.database_url).unwrap();
    diesel::sql_query(format!(
        "WITH c AS (INSERT INTO \"{0}\".customers (id, name, email) VALUES (gen_random_uuid(), 'Ann Example', $1) RETURNING id)
         INSERT INTO \"{0}\".customer_accounts (customer_id, email, password_hash) SELECT id, $1, $2 FROM c",
        tenant.schema
    ))
    .bind::<diesel::sql_types::Text, _>(&email)
    .bind::<diesel::sql_types::Text, _>(&hash)
    .execute(&mut conn)
    .unwrap();
    let (status, body) = login(app, &tenant.host, &email, PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    body
}
