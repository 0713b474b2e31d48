//! Fresh tenants with random slugs, provisioned by the same code as the
//! CLI's, so tests run in parallel without cleaning up after each other.

use diesel::prelude::*;
use identity::owner::{create_tenant, LinkBase, NewOwner, OwnerOutcome};
use tenancy::migrations::embedded_tenant_migrations;
use tenancy::provision::{CreateOutcome, NewTenant};

use super::db::{database_url, migrate_public};

pub const BASE_DOMAIN: &str = "platform.test";
pub const OWNER_PASSWORD: &str = "owner-pass-123";

pub struct TestTenant {
    pub id: uuid::Uuid,
    pub slug: String,
    pub host: String,
    pub schema: String,
    pub owner_email: String,
}

pub fn random_slug(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// Provisions a tenant in the test database, with an owner.
pub fn provision_tenant(prefix: &str) -> TestTenant {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    provision_tenant_in(&mut conn, prefix)
}

/// Provisions a tenant through the same code the CLI uses, with an owner,
/// in the database of `conn`.
pub fn provision_tenant_in(conn: &mut PgConnection, prefix: &str) -> TestTenant {
    let slug = random_slug(prefix);
    let owner_email = format!("owner@{slug}.example.com");
    provision_owned_by(conn, slug, owner_email).0
}

/// Provisions a tenant whose owner is `owner_email` (with OWNER_PASSWORD
/// when the address is new), and says what became of the owner.
pub fn provision_owned_by(
    conn: &mut PgConnection,
    slug: String,
    owner_email: String,
) -> (TestTenant, Option<OwnerOutcome>) {
    // Pro includes every feature the other capabilities' tests use.
    provision_on_plan(conn, slug, owner_email, "pro")
}

/// Provisions a tenant on `plan`, with its subscription started as the CLI
/// and sign-up start it.
pub fn provision_on_plan(
    conn: &mut PgConnection,
    slug: String,
    owner_email: String,
    plan: &str,
) -> (TestTenant, Option<OwnerOutcome>) {
    let migrations = embedded_tenant_migrations().unwrap();
    let outcome = create_tenant(
        conn,
        &NewTenant {
            slug: slug.clone(),
            name: format!("Tenant {slug}"),
            domains: vec![],
            plan: Some(plan.to_string()),
        },
        Some(&NewOwner {
            email: owner_email.clone(),
            password: OWNER_PASSWORD.into(),
        }),
        &LinkBase {
            scheme: "http".into(),
            base_domain: BASE_DOMAIN.into(),
        },
        &migrations,
        "tests",
        &|conn, id| billing::subscriptions::start(conn, id, chrono::Utc::now()),
    )
    .unwrap_or_else(|e| panic!("create tenant {slug}: {e}"));
    let (outcome, owner) = outcome;
    let row = match outcome {
        CreateOutcome::Created(row) => row,
        CreateOutcome::AlreadyExists(_) => panic!("random slug {slug} already existed"),
    };
    let tenant = TestTenant {
        id: row.id,
        host: format!("{slug}.{BASE_DOMAIN}"),
        schema: row.schema_name,
        slug,
        owner_email,
    };
    (tenant, owner)
}

/// A new plan with these limits (a JSON object) and features (a
/// PostgreSQL array literal), and a tenant on it; answers the plan's code.
pub fn provision_on_new_plan(limits: &str, features: &str) -> (TestTenant, String) {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let code = format!("t{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
    diesel::sql_query(format!(
        "INSERT INTO plans (code, name, price_cents, limits, features) \
         VALUES ('{code}', 'Tiny', 900, '{limits}', '{features}')"
    ))
    .execute(&mut conn)
    .unwrap();
    let slug = random_slug("plan");
    let owner = format!("owner@{slug}.example.com");
    let (tenant, _) = provision_on_plan(&mut conn, slug, owner, &code);
    (tenant, code)
}
