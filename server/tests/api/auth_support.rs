//! Shared pieces of the auth, outbox and rate-limit tests: a private
//! database for tests that read mail, a private Redis that can be killed,
//! and reading tokens out of delivered mail.
//!
//! Why a private database for mail: every running test app has an outbox
//! worker, and all apps on one database share one outbox. A mail queued by
//! one test could be delivered by another test's app, into that app's SMTP
//! listener. Apps on a private database only deliver their own test's mail.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use identity::owner::{create_tenant, NewOwner};
use serde_json::{json, Value};
use tenancy::migrations::{embedded_tenant_migrations, run_shared};
use tenancy::provision::{CreateOutcome, NewTenant};

use crate::helpers::*;

pub const PASSWORD: &str = "correct-horse-9";

/// A database of its own, with the public schema migrated; dropped (with
/// whatever is still connected) when the test ends.
pub struct PrivateDb {
    pub url: String,
    name: String,
}

impl PrivateDb {
    pub fn create() -> PrivateDb {
        let name = format!(
            "saas_t_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..16]
        );
        let mut admin = PgConnection::establish(&database_url()).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE template0"))
            .execute(&mut admin)
            .unwrap();
        let base = database_url();
        let (server, _) = base.rsplit_once('/').unwrap();
        let url = format!("{server}/{name}");
        let mut conn = PgConnection::establish(&url).unwrap();
        run_shared(&mut conn).unwrap();
        PrivateDb { url, name }
    }

    pub fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url).unwrap()
    }

    /// A tenant in this database, made by the same code as the CLI's.
    pub fn provision(&self, prefix: &str) -> TestTenant {
        let slug = random_slug(prefix);
        let owner_email = format!("owner@{slug}.example.com");
        let outcome = create_tenant(
            &mut self.conn(),
            &NewTenant {
                slug: slug.clone(),
                name: format!("Tenant {slug}"),
                domains: vec![],
                plan: None,
            },
            Some(&NewOwner {
                email: owner_email.clone(),
                password: OWNER_PASSWORD.into(),
            }),
            BASE_DOMAIN,
            &embedded_tenant_migrations().unwrap(),
            "tests",
        )
        .unwrap();
        let CreateOutcome::Created(row) = outcome else {
            panic!("slug {slug} existed")
        };
        TestTenant {
            id: row.id,
            host: format!("{slug}.{BASE_DOMAIN}"),
            schema: row.schema_name,
            slug,
            owner_email,
        }
    }

    /// An app whose database is this one.
    pub async fn spawn_app(&self) -> TestApp {
        let url = self.url.clone();
        spawn_app_with(move |s| s.database_url = url).await
    }
}

impl Drop for PrivateDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&database_url()) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A redis-server of the test's own, killed on drop (or earlier by `stop`).
pub struct OwnRedis {
    pub url: String,
    child: Child,
}

impl OwnRedis {
    pub fn start() -> OwnRedis {
        let port = free_port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server must be installed");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        OwnRedis {
            url: format!("redis://127.0.0.1:{port}"),
            child,
        }
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The text of a quoted-printable body (what lettre sends for long lines).
pub fn decode_qp(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The token of the first `path?token=...` link in a mail.
pub fn token_in(mail_data: &str, path: &str) -> String {
    let text = decode_qp(mail_data);
    let marker = format!("{path}?token=");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} link in mail:\n{text}"))
        + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

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
