//! Branding over HTTP: what the site shows, who may change it, what is
//! refused, and that it stays with its tenant.

mod access;
mod updates;
mod validation;

use serde_json::Value;

use crate::support::*;

pub const BRANDING: &str = "/api/v1/branding";

pub async fn read(app: &TestApp, tenant: &TestTenant) -> (u16, Value) {
    json_of(app.get(&tenant.host, BRANDING).send().await.unwrap()).await
}

pub async fn change(app: &TestApp, tenant: &TestTenant, token: &str, body: Value) -> (u16, Value) {
    json_of(
        app.patch(&tenant.host, BRANDING)
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}
