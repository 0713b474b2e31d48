//! The customers tests' fixture: an app, a tenant and its owner's token,
//! with the customers API at hand.

use serde_json::Value;

use crate::support::*;

pub const CUSTOMERS: &str = "/api/v1/customers";

pub struct Ctx {
    pub app: TestApp,
    pub tenant: TestTenant,
    pub token: String,
}

pub async fn setup() -> Ctx {
    let app = spawn_app().await;
    let tenant = provision_tenant("cust");
    let token = app.owner_token(&tenant);
    Ctx { app, tenant, token }
}

impl Ctx {
    pub async fn create(&self, body: Value) -> (u16, Value) {
        json_of(
            self.app
                .post(&self.tenant.host, CUSTOMERS)
                .bearer_auth(&self.token)
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn created(&self, body: Value) -> Value {
        let (status, customer) = self.create(body).await;
        assert_eq!(status, 201, "{customer}");
        customer
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        json_of(
            self.app
                .get(&self.tenant.host, path)
                .bearer_auth(&self.token)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn patch(&self, id: &str, body: Value) -> (u16, Value) {
        json_of(
            self.app
                .patch(&self.tenant.host, &format!("{CUSTOMERS}/{id}"))
                .bearer_auth(&self.token)
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn post_raw(&self, path: &str, body: &str) -> (u16, Value) {
        json_of(
            self.app
                .post(&self.tenant.host, path)
                .bearer_auth(&self.token)
                .header("content-type", "application/json")
                .body(body.to_string())
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Names on one list page.
    pub async fn names(&self, query: &str) -> Vec<String> {
        let (status, page) = self.get(&format!("{CUSTOMERS}?{query}")).await;
        assert_eq!(status, 200, "{page}");
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    }
}

pub fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}
