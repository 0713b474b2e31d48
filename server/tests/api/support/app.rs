//! spawn_app(): a server on port 0 with its own SMTP listener, against the
//! test database, and the requests a test makes to it.

use diesel::prelude::*;
use kernel::settings::Settings;
use reqwest::header::HOST;
use serde_json::Value;
use server::startup::Application;

use super::db::{database_url, migrate_public};
use super::smtp::MailSink;
use super::tenants::{TestTenant, BASE_DOMAIN};

pub fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// Signs the tests' tokens; not a published default, so the start-up check passes.
pub const TEST_JWT_SECRET: &str = "tests-7c1e9a42d5b08f63e2a17c94b50d3e8f61a2c7d9e04b5f3a";

pub fn test_settings() -> Settings {
    let mut s = Settings::from_env().expect("settings");
    s.host = "127.0.0.1".into();
    s.port = 0;
    // Many apps run at once: none listens for metrics unless its test asks
    // (on port 0).
    s.metrics_addr = None;
    s.base_domain = BASE_DOMAIN.into();
    s.database_url = database_url();
    s.database_pool_size = 8;
    s.redis_url = redis_url();
    s.workers = 2;
    s.outbox_poll_ms = 100;
    // High enough that ordinary tests never trip it; rate-limit tests lower it.
    s.auth_rate_limit = 1000;
    s.billing.signups_per_ip_per_hour = 1000;
    // A strong secret in production mode: tests run the checks production runs.
    s.jwt_secret = TEST_JWT_SECRET.into();
    s.app_env = kernel::settings::AppEnv::Production;
    // Webhook tests deliver to receivers on this machine; nothing else
    // private is allowed, so the outbound guard is still exercised.
    s.outbound_allow_private_nets = vec!["127.0.0.1/32".parse().unwrap()];
    // Uploaded files go to a folder of the machine's temporary directory,
    // never into the source tree.
    s.storage_dir = std::env::temp_dir()
        .join("platform-test-storage")
        .to_string_lossy()
        .into_owned();
    s
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    /// `http://127.0.0.1:<port>` of the metrics listener, when the test
    /// set `metrics_addr`.
    pub metrics_address: Option<String>,
    pub client: reqwest::Client,
    pub mail: MailSink,
    pub app_state: server::state::AppState,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
    migrate_public();
    let mail = MailSink::start().await;
    let mut settings = test_settings();
    settings.smtp_url = format!("smtp://127.0.0.1:{}", mail.port);
    customize(&mut settings);
    let app = Application::build(settings).expect("build app");
    let port = app.port();
    let metrics_address = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    let app_state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        metrics_address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // The server closes a kept-alive connection after 5 idle
            // seconds; reusing one it is closing fails the request
            // (IncompleteMessage), so the client lets go of them first.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .build()
            .unwrap(),
        mail,
        app_state,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn get(&self, host: &str, path: &str) -> reqwest::RequestBuilder {
        self.client.get(self.url(path)).header(HOST, host)
    }

    pub fn post(&self, host: &str, path: &str) -> reqwest::RequestBuilder {
        self.client.post(self.url(path)).header(HOST, host)
    }

    pub fn patch(&self, host: &str, path: &str) -> reqwest::RequestBuilder {
        self.client.patch(self.url(path)).header(HOST, host)
    }

    pub fn delete(&self, host: &str, path: &str) -> reqwest::RequestBuilder {
        self.client.delete(self.url(path)).header(HOST, host)
    }
}

/// Reads a response as JSON, with the status, for assertions.
pub async fn json_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

impl TestApp {
    /// An access token for the tenant's owner, minted with the server's own
    /// keys (auth tests use the real login instead).
    pub fn owner_token(&self, tenant: &TestTenant) -> String {
        let mut conn = PgConnection::establish(&self.app_state.settings.database_url).unwrap();
        let user_id: uuid::Uuid = kernel::schema::public::memberships::table
            .filter(kernel::schema::public::memberships::tenant_id.eq(tenant.id))
            .filter(kernel::schema::public::memberships::role.eq("owner"))
            .select(kernel::schema::public::memberships::user_id)
            .first(&mut conn)
            .unwrap();
        self.token_as(tenant, user_id, identity::Role::Owner)
    }

    /// A token for a new account that is a member of the tenant with
    /// `role` (the server checks the membership behind every token).
    pub fn member_token(&self, tenant: &TestTenant, role: identity::Role) -> String {
        use kernel::schema::public::{memberships, users};
        let mut conn = PgConnection::establish(&self.app_state.settings.database_url).unwrap();
        let user_id = uuid::Uuid::new_v4();
        diesel::insert_into(users::table)
            .values((
                users::id.eq(user_id),
                users::email.eq(format!("{user_id}@members.example.com")),
                users::password_hash.eq("not-a-hash"),
                users::name.eq("Member"),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::insert_into(memberships::table)
            .values((
                memberships::user_id.eq(user_id),
                memberships::tenant_id.eq(tenant.id),
                memberships::role.eq(role),
            ))
            .execute(&mut conn)
            .unwrap();
        self.token_as(tenant, user_id, role)
    }

    pub fn token_as(
        &self,
        tenant: &TestTenant,
        user_id: uuid::Uuid,
        role: identity::Role,
    ) -> String {
        self.app_state.keys.issue(user_id, tenant.id, role).unwrap()
    }
}

impl TestApp {
    pub fn put(&self, host: &str, path: &str) -> reqwest::RequestBuilder {
        self.client.put(self.url(path)).header(HOST, host)
    }
}
