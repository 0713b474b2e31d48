//! Orders after checkout and their payments, over HTTP: transitions and
//! their refusals, the prescription gate, restocking, history and mails;
//! who sees an order; the provider's webhook (signatures, each event once
//! under concurrent redelivery, out of order); the payment settings and
//! the Stripe-shaped start; expiry of unpaid orders; invoices. Orders are
//! written as checkout leaves them (`fixture`), since checkout is its own
//! part.

mod access;
mod erasure;
mod expiry;
mod fixture;
mod invoice;
mod pay;
mod prescriptions;
mod settings;
mod transitions;
mod webhook;

use reqwest::RequestBuilder;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::*;
use fixture::{Placed, Spec};

/// A shop: a running app, a tenant and a staff member's token. Tests that
/// count mails run on a database of their own (only their app delivers).
pub struct Shop {
    pub app: TestApp,
    pub tenant: TestTenant,
    pub staff: String,
    _db: Option<PrivateDb>,
}

/// Who asks.
pub enum As<'a> {
    Nobody,
    Staff,
    Bearer(&'a str),
    Token(&'a str),
}

impl Shop {
    pub async fn new() -> Shop {
        let app = spawn_app().await;
        let tenant = provision_tenant("orders");
        Shop::with(app, tenant, None)
    }

    /// On a database of its own: mails in the sink are this shop's only.
    pub async fn private() -> Shop {
        let db = PrivateDb::create();
        let app = db.spawn_app().await;
        let tenant = db.provision("orders");
        Shop::with(app, tenant, Some(db))
    }

    pub fn with(app: TestApp, tenant: TestTenant, db: Option<PrivateDb>) -> Shop {
        let staff = app.member_token(&tenant, identity::Role::Staff);
        Shop {
            app,
            tenant,
            staff,
            _db: db,
        }
    }

    pub fn db_url(&self) -> String {
        self.app.app_state.settings.database_url.clone()
    }

    pub fn place(&self, spec: Spec) -> Placed {
        fixture::place(&self.db_url(), &self.tenant, &spec)
    }

    pub fn order(&self) -> Placed {
        self.place(Spec::default())
    }

    fn who(&self, req: RequestBuilder, who: As<'_>) -> RequestBuilder {
        match who {
            As::Nobody => req,
            As::Staff => req.bearer_auth(&self.staff),
            As::Bearer(token) => req.bearer_auth(token),
            As::Token(token) => req.header("X-Order-Token", token),
        }
    }

    pub async fn get(&self, path: &str, who: As<'_>) -> (u16, Value) {
        let req = self.who(self.app.get(&self.tenant.host, path), who);
        json_of(req.send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, who: As<'_>, body: Option<Value>) -> (u16, Value) {
        let mut req = self.who(self.app.post(&self.tenant.host, path), who);
        if let Some(body) = body {
            req = req.json(&body);
        }
        json_of(req.send().await.unwrap()).await
    }

    pub async fn view(&self, id: Uuid, who: As<'_>) -> (u16, Value) {
        self.get(&format!("/api/v1/orders/{id}"), who).await
    }

    /// Staff move the order.
    pub async fn move_to(&self, id: Uuid, status: &str) -> (u16, Value) {
        self.post(
            &format!("/api/v1/orders/{id}/status"),
            As::Staff,
            Some(json!({ "status": status })),
        )
        .await
    }

    pub fn stock(&self, placed: &Placed) -> i32 {
        fixture::stock(&self.db_url(), &self.tenant, placed.variant_id)
    }

    pub fn status(&self, placed: &Placed) -> String {
        fixture::status(&self.db_url(), &self.tenant, placed.order_id)
    }

    pub fn history(&self, placed: &Placed) -> Vec<(Option<String>, String, String)> {
        fixture::history(&self.db_url(), &self.tenant, placed.order_id)
    }

    /// The mails that reached the sink for `to`, decoded.
    pub async fn mails_to(&self, to: &str) -> Vec<String> {
        self.app
            .mail
            .all()
            .await
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
            .map(|m| decode_qp(&m.data))
            .collect()
    }
}
