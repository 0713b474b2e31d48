//! Runs the real tenant-admin binary against the test database, and reads the
//! database directly to check what it did.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable, Text};

pub const BASE_DOMAIN: &str = "platform.test";
pub const OWNER_PASSWORD: &str = "owner-pass-123";

pub fn database_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        "postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable".into()
    })
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Failed with exactly one `error: ...` line on stderr and no panic.
    #[track_caller]
    pub fn failure(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "one stderr line expected: {:?}",
            self.stderr
        );
        assert!(lines[0].starts_with("error: "), "{:?}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{:?}", self.stderr);
        self
    }
}

pub fn run_with_url(database_url: &str, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tenant-admin"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("BASE_DOMAIN", BASE_DOMAIN)
        .env("USER", "cli-test")
        .env_remove("TENANT_OWNER_PASSWORD")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run tenant-admin");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs tenant-admin against the test database, migrated once per test binary.
pub fn admin(args: &[&str]) -> Run {
    static INIT: OnceLock<()> = OnceLock::new();
    INIT.get_or_init(|| {
        run_with_url(&database_url(), &["init"]).success();
    });
    run_with_url(&database_url(), args)
}

pub fn random_slug(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

pub fn schema_of(slug: &str) -> String {
    format!("t_{}", slug.replace('-', "_"))
}

/// Creates a tenant without an owner (fast: no password hashing).
pub fn create_tenant(prefix: &str) -> String {
    let slug = random_slug(prefix);
    admin(&["create", &slug, "--name", &format!("Tenant {slug}")]).success();
    slug
}

pub fn db() -> PgConnection {
    PgConnection::establish(&database_url()).expect("connect to the test database")
}

#[derive(Debug, QueryableByName)]
pub struct TenantState {
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Text)]
    pub schema_version: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub migration_error: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub migration_failed_version: Option<String>,
}

pub fn tenant_state(conn: &mut PgConnection, slug: &str) -> Option<TenantState> {
    diesel::sql_query(
        "SELECT status, schema_version, migration_error, migration_failed_version \
         FROM public.tenants WHERE slug = $1",
    )
    .bind::<Text, _>(slug)
    .get_result(conn)
    .optional()
    .expect("read tenant")
}

pub fn schema_exists(conn: &mut PgConnection, schema: &str) -> bool {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = Bool)]
        found: bool,
    }
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS found")
        .bind::<Text, _>(schema)
        .get_result::<Found>(conn)
        .expect("read pg_namespace")
        .found
}

pub fn audit_actions(conn: &mut PgConnection, slug: &str) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Action {
        #[diesel(sql_type = Text)]
        action: String,
    }
    diesel::sql_query(
        "SELECT a.action FROM public.operator_audit a \
         JOIN public.tenants t ON t.id = a.tenant_id WHERE t.slug = $1 ORDER BY a.id",
    )
    .bind::<Text, _>(slug)
    .load::<Action>(conn)
    .expect("read audit")
    .into_iter()
    .map(|a| a.action)
    .collect()
}

/// A directory removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Self {
        let path = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A copy of the tenant migrations of the source tree, to add to.
pub fn copy_tenant_migrations(into: &Path) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/tenant");
    for entry in std::fs::read_dir(&source).expect("read migrations/tenant") {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let target = into.join(entry.file_name());
        std::fs::create_dir_all(&target).unwrap();
        for file in std::fs::read_dir(entry.path()).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), target.join(file.file_name())).unwrap();
        }
    }
}

/// The test database's URL with another database's name.
pub fn database_url_named(name: &str) -> String {
    let url = database_url();
    let (before_query, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let base = before_query
        .rsplit_once('/')
        .map_or(before_query, |(base, _)| base);
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}
