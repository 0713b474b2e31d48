//! The catalog tests' fixture: an app, a shop (tenant) and its owner's
//! token, with the catalog's calls at hand.

use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;

pub struct Shop {
    pub app: TestApp,
    pub tenant: TestTenant,
    pub token: String,
}

pub async fn shop() -> Shop {
    let app = spawn_app().await;
    let tenant = provision_tenant("shop");
    let token = app.owner_token(&tenant);
    Shop { app, tenant, token }
}

/// A second shop on the same app.
pub fn other_shop(shop: &Shop) -> Shop2 {
    let tenant = provision_tenant("other");
    let token = shop.app.owner_token(&tenant);
    Shop2 { tenant, token }
}

pub struct Shop2 {
    pub tenant: TestTenant,
    pub token: String,
}

pub fn id(value: &Value) -> String {
    value["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {value}"))
        .to_string()
}

impl Shop {
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.send_on(&self.tenant.host, method, path, token, body)
            .await
    }

    /// A request to another host of the same app.
    pub async fn send_on(
        &self,
        host: &str,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .app
            .client
            .request(method, self.app.url(path))
            .header(reqwest::header::HOST, host);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        json_of(req.send().await.unwrap()).await
    }

    /// As the owner.
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(Method::POST, path, Some(&self.token), Some(body))
            .await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(Method::PATCH, path, Some(&self.token), Some(body))
            .await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.send(Method::DELETE, path, Some(&self.token), None)
            .await
    }

    /// Without a token, as a visitor.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(Method::GET, path, None, None).await
    }

    pub async fn get_as_staff(&self, path: &str) -> (u16, Value) {
        self.send(Method::GET, path, Some(&self.token), None).await
    }

    pub async fn category(&self, name: &str, parent: Option<&str>) -> String {
        let (status, body) = self
            .post(
                "/api/v1/categories",
                json!({ "name": name, "parent_id": parent }),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        id(&body)
    }

    pub async fn attribute(&self, category: &str, body: Value) -> Value {
        let (status, answer) = self
            .post(&format!("/api/v1/categories/{category}/attributes"), body)
            .await;
        assert_eq!(status, 201, "{answer}");
        answer
    }

    /// A product in `category` at `price` cents, with `extra` fields.
    pub async fn product(&self, category: &str, name: &str, price: i64, extra: Value) -> String {
        let mut body = json!({
            "name": name, "category_id": category, "base_price_cents": price, "currency": "EUR"
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let (status, answer) = self.post("/api/v1/products", body).await;
        assert_eq!(status, 201, "{answer}");
        id(&answer)
    }

    pub async fn variant(&self, product: &str, body: Value) -> Value {
        let (status, answer) = self
            .post(&format!("/api/v1/products/{product}/variants"), body)
            .await;
        assert_eq!(status, 201, "{answer}");
        answer
    }

    /// The ids of a list answer, in order.
    pub async fn listed(&self, query: &str) -> Vec<String> {
        let (status, page) = self.get(&format!("/api/v1/products?{query}")).await;
        assert_eq!(status, 200, "{query}: {page}");
        page["items"].as_array().unwrap().iter().map(id).collect()
    }

    /// Runs SQL in the shop's schema, as the app would (the one door).
    pub fn sql(&self, statement: &str) -> QueryResult<usize> {
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        let schema = kernel::values::SchemaName::parse(&self.tenant.schema).unwrap();
        kernel::db::with_tenant(&mut conn, &schema, |conn| {
            diesel::sql_query(statement).execute(conn)
        })
    }
}
