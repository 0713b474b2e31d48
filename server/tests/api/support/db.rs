//! The test databases. `make test` migrates a template database once and
//! makes the shared test database a copy of it; a test that needs a database
//! of its own gets another copy (CREATE DATABASE .. TEMPLATE: a file copy,
//! no migrations to run). Without the template (`cargo test` alone, on a
//! database made some other way) a private database is created empty and
//! migrated instead.
//!
//! Why a private database for mail: every running test app has an outbox
//! worker, and all apps on one database share one outbox. A mail queued by
//! one test could be delivered by another test's app, into that app's SMTP
//! listener. Apps on a private database only deliver their own test's mail.

use std::sync::OnceLock;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use tenancy::migrations::run_shared;

use super::app::{spawn_app_with, TestApp};
use super::tenants::{provision_tenant_in, TestTenant};

pub fn database_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        "postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable".into()
    })
}

/// The migrated database that test databases are copied from:
/// TEST_TEMPLATE_DATABASE (scripts/test.sh sets it), else the test
/// database's name with `_template`.
pub fn template_database() -> String {
    let name = std::env::var("TEST_TEMPLATE_DATABASE")
        .unwrap_or_else(|_| format!("{}_template", database_name(&database_url())));
    assert!(
        is_plain_name(&name),
        "unexpected template database name {name:?}"
    );
    name
}

/// The URL of database `name` on the test database's server.
fn url_of(name: &str) -> String {
    let base = database_url();
    let (address, query) = match base.split_once('?') {
        Some((address, query)) => (address, format!("?{query}")),
        None => (base.as_str(), String::new()),
    };
    let (server, _) = address.rsplit_once('/').unwrap();
    format!("{server}/{name}{query}")
}

fn database_name(url: &str) -> &str {
    let address = url.split_once('?').map_or(url, |(address, _)| address);
    address.rsplit_once('/').map_or(address, |(_, name)| name)
}

/// Safe to put in SQL unquoted: lower-case letters, digits and underscores.
fn is_plain_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The template, when the server has it (looked up once per test binary).
fn template() -> Option<&'static str> {
    static TEMPLATE: OnceLock<Option<String>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            #[derive(QueryableByName)]
            struct Found {
                #[diesel(sql_type = Bool)]
                found: bool,
            }
            let name = template_database();
            let mut conn = PgConnection::establish(&database_url())
                .expect("the test database must exist (make test creates it)");
            let found = diesel::sql_query(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found",
            )
            .bind::<Text, _>(&name)
            .get_result::<Found>(&mut conn)
            .unwrap()
            .found;
            found.then_some(name)
        })
        .as_deref()
}

/// The public schema of the test database is migrated once per test binary.
/// A copy of the template is migrated already, and this finds nothing to do;
/// it is for a test database made without the template.
pub fn migrate_public() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let mut conn = PgConnection::establish(&database_url())
            .expect("the test database must exist (make test creates it)");
        run_shared(&mut conn).expect("public migrations");
    });
}

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
        let url = url_of(&name);
        let mut admin = PgConnection::establish(&database_url()).unwrap();
        match template() {
            // PostgreSQL refuses while anyone is connected to the template;
            // nothing is: scripts/test.sh closes it to connections.
            Some(template) => {
                diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}"))
                    .execute(&mut admin)
                    .unwrap_or_else(|e| panic!("copy template {template} into {name}: {e}"));
            }
            None => {
                diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE template0"))
                    .execute(&mut admin)
                    .unwrap();
                run_shared(&mut PgConnection::establish(&url).unwrap()).unwrap();
            }
        }
        PrivateDb { url, name }
    }

    pub fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url).unwrap()
    }

    /// A tenant in this database, made by the same code as the CLI's.
    pub fn provision(&self, prefix: &str) -> TestTenant {
        provision_tenant_in(&mut self.conn(), prefix)
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
