//! A client's sign-in calls: register, login, refresh, me.

use serde_json::{json, Value};

use super::app::{json_of, TestApp};

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
