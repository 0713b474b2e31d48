//! The tenant migrator: brings tenant schemas to the latest tenant migration,
//! several tenants at a time, each tenant in its own transaction.
//!
//! Each tenant's version is kept in public.tenants, so finding the tenants
//! that need work is one indexed query however many tenants there are. A
//! failing tenant is rolled back, its error recorded on its row, and the run
//! goes on with the others; running again resumes where it stopped.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::prelude::*;
use diesel_migrations::FileBasedMigrations;
use parking_lot::Mutex;
use serde_json::json;
use uuid::Uuid;

use super::admin_error::AdminError;
use super::lifecycle::record_audit;
use super::migrations::{
    apply_in_transaction, embedded_tenant_migrations, load_tenant_migrations, pending,
    MigrationFailure, TenantMigration,
};
use super::model::TenantStatus;
use kernel::db::{build_pool, with_tenant, DbPool};
use kernel::schema::public::tenants;
use kernel::values::SchemaName;

const MAX_JOBS: usize = 64;

/// Where tenant migrations come from: those built into the binary, or a
/// directory (to try a migration before it ships). Diesel migrations cannot
/// cross threads, so each worker loads its own copy from this.
#[derive(Debug, Clone)]
pub enum TenantMigrationSource {
    Embedded,
    Directory(PathBuf),
}

impl TenantMigrationSource {
    pub fn load(&self) -> Result<Vec<TenantMigration>, AdminError> {
        match self {
            Self::Embedded => embedded_tenant_migrations(),
            Self::Directory(dir) => FileBasedMigrations::from_path(dir)
                .map_err(|e| e.to_string())
                .and_then(|source| load_tenant_migrations(&source)),
        }
        .map_err(|e| AdminError::failed(format!("cannot load tenant migrations: {e}")))
    }
}

#[derive(Debug, Clone)]
pub enum Selection {
    All,
    Slugs(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct PendingTenant {
    pub id: Uuid,
    pub slug: String,
    pub schema_name: String,
    pub schema_version: String,
}

#[derive(Debug, Clone)]
pub struct MigrationPlan {
    pub latest: String,
    pub pending: Vec<PendingTenant>,
    /// Selected tenants at the latest version (or beyond) already.
    pub up_to_date: usize,
    /// Named tenants that are deleted, so not migrated.
    pub deleted: Vec<String>,
}

/// Which of the selected tenants are behind `latest`.
pub fn plan(
    conn: &mut PgConnection,
    selection: &Selection,
    latest: &str,
) -> Result<MigrationPlan, AdminError> {
    match selection {
        Selection::All => plan_all(conn, latest),
        Selection::Slugs(slugs) => plan_named(conn, slugs, latest),
    }
}

fn plan_all(conn: &mut PgConnection, latest: &str) -> Result<MigrationPlan, AdminError> {
    let live = tenants::status.ne(TenantStatus::Deleted);
    let pending: Vec<PendingTenant> = tenants::table
        .filter(live.and(tenants::schema_version.lt(latest)))
        .order(tenants::slug.asc())
        .select((
            tenants::id,
            tenants::slug,
            tenants::schema_name,
            tenants::schema_version,
        ))
        .load::<(Uuid, String, String, String)>(conn)?
        .into_iter()
        .map(|(id, slug, schema_name, schema_version)| PendingTenant {
            id,
            slug,
            schema_name,
            schema_version,
        })
        .collect();
    let live_count: i64 = tenants::table
        .filter(tenants::status.ne(TenantStatus::Deleted))
        .count()
        .get_result(conn)?;
    let up_to_date = usize::try_from(live_count)
        .unwrap_or(0)
        .saturating_sub(pending.len());
    Ok(MigrationPlan {
        latest: latest.to_string(),
        pending,
        up_to_date,
        deleted: Vec::new(),
    })
}

fn plan_named(
    conn: &mut PgConnection,
    slugs: &[String],
    latest: &str,
) -> Result<MigrationPlan, AdminError> {
    let wanted: BTreeSet<&str> = slugs.iter().map(String::as_str).collect();
    let rows: Vec<(Uuid, String, TenantStatus, String, String)> = tenants::table
        .filter(tenants::slug.eq_any(&wanted))
        .order(tenants::slug.asc())
        .select((
            tenants::id,
            tenants::slug,
            tenants::status,
            tenants::schema_name,
            tenants::schema_version,
        ))
        .load(conn)?;
    let unknown: Vec<&str> = wanted
        .iter()
        .filter(|slug| !rows.iter().any(|row| row.1 == **slug))
        .copied()
        .collect();
    if !unknown.is_empty() {
        return Err(AdminError::not_found(format!(
            "no such tenant: {}",
            unknown.join(", ")
        )));
    }
    let mut plan = MigrationPlan {
        latest: latest.to_string(),
        pending: Vec::new(),
        up_to_date: 0,
        deleted: Vec::new(),
    };
    for (id, slug, status, schema_name, schema_version) in rows {
        if status == TenantStatus::Deleted {
            plan.deleted.push(slug);
        } else if schema_version.as_str() >= latest {
            plan.up_to_date += 1;
        } else {
            plan.pending.push(PendingTenant {
                id,
                slug,
                schema_name,
                schema_version,
            });
        }
    }
    Ok(plan)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenantOutcome {
    Migrated {
        from: String,
        to: String,
    },
    /// Another run got there first, or the tenant was deleted meanwhile.
    NothingToDo,
    Failed {
        version: String,
        error: String,
    },
}

#[derive(Debug, Clone)]
pub struct TenantResult {
    pub slug: String,
    pub outcome: TenantOutcome,
}

#[derive(Debug, Default)]
pub struct MigrationReport {
    /// One per pending tenant, by slug.
    pub results: Vec<TenantResult>,
    /// The run's audit row could not be written (the migrations stand).
    pub audit_error: Option<String>,
}

impl MigrationReport {
    pub fn migrated(&self) -> usize {
        self.count(|o| matches!(o, TenantOutcome::Migrated { .. }))
    }
    pub fn nothing_to_do(&self) -> usize {
        self.count(|o| matches!(o, TenantOutcome::NothingToDo))
    }
    pub fn failures(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.results.iter().filter_map(|r| match &r.outcome {
            TenantOutcome::Failed { version, error } => {
                Some((r.slug.as_str(), version.as_str(), error.as_str()))
            }
            _ => None,
        })
    }
    fn count(&self, pred: impl Fn(&TenantOutcome) -> bool) -> usize {
        self.results.iter().filter(|r| pred(&r.outcome)).count()
    }
}

/// Migrates every pending tenant of `plan` with `jobs` workers, each with its
/// own connection. `on_done` is called (from worker threads) as each tenant
/// finishes, for progress display.
pub fn run(
    database_url: &str,
    plan: &MigrationPlan,
    source: &TenantMigrationSource,
    jobs: usize,
    actor: &str,
    on_done: &(dyn Fn(&TenantResult) + Sync),
) -> Result<MigrationReport, AdminError> {
    if plan.pending.is_empty() {
        return Ok(MigrationReport::default());
    }
    let jobs = jobs.clamp(1, MAX_JOBS).min(plan.pending.len());
    let pool = build_pool(database_url, u32::try_from(jobs).unwrap_or(1))
        .map_err(|e| AdminError::failed(format!("cannot connect to the database: {e}")))?;
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(plan.pending.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                let migrations = source.load();
                while let Some(tenant) = plan.pending.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = match &migrations {
                        Ok(migrations) => migrate_tenant(&pool, tenant, migrations),
                        Err(e) => TenantOutcome::Failed {
                            version: String::new(),
                            error: e.to_string(),
                        },
                    };
                    let result = TenantResult {
                        slug: tenant.slug.clone(),
                        outcome,
                    };
                    on_done(&result);
                    results.lock().push(result);
                }
            });
        }
    });
    let mut report = MigrationReport {
        results: results.into_inner(),
        audit_error: None,
    };
    report.results.sort_by(|a, b| a.slug.cmp(&b.slug));
    report.audit_error = audit_run(&pool, plan, &report, actor).err();
    Ok(report)
}

enum StepError {
    Db(diesel::result::Error),
    Migration(MigrationFailure),
    Invalid(String),
}

impl From<diesel::result::Error> for StepError {
    fn from(e: diesel::result::Error) -> Self {
        StepError::Db(e)
    }
}

fn migrate_tenant(
    pool: &DbPool,
    tenant: &PendingTenant,
    migrations: &[TenantMigration],
) -> TenantOutcome {
    let mut conn = match pool.get() {
        Ok(conn) => conn,
        Err(e) => {
            return TenantOutcome::Failed {
                version: String::new(),
                error: format!("no database connection: {e}"),
            }
        }
    };
    // The tenant's own transaction, bound to its schema by the one door.
    let migrated = SchemaName::parse(&tenant.schema_name)
        .map_err(StepError::Invalid)
        .and_then(|schema| {
            with_tenant(&mut conn, &schema, |conn| {
                migrate_locked(conn, tenant, migrations)
            })
        });
    let (version, error) = match migrated {
        Ok(outcome) => return outcome,
        Err(StepError::Migration(f)) => (f.version, f.error),
        Err(StepError::Db(e)) => (String::new(), e.to_string()),
        Err(StepError::Invalid(e)) => (String::new(), e),
    };
    // The tenant's transaction is rolled back; record why, outside it.
    let error = match record_failure(&mut conn, tenant.id, &version, &error) {
        Ok(()) => error,
        Err(e) => format!("{error} (and recording the failure failed: {e})"),
    };
    TenantOutcome::Failed { version, error }
}

/// Runs inside the tenant's transaction. The row lock makes concurrent
/// migrators of the same tenant take turns; the second finds nothing to do.
fn migrate_locked(
    conn: &mut PgConnection,
    tenant: &PendingTenant,
    migrations: &[TenantMigration],
) -> Result<TenantOutcome, StepError> {
    let (status, from): (TenantStatus, String) = tenants::table
        .find(tenant.id)
        .for_update()
        .select((tenants::status, tenants::schema_version))
        .first(conn)?;
    let todo = pending(migrations, &from);
    if status == TenantStatus::Deleted || todo.is_empty() {
        return Ok(TenantOutcome::NothingToDo);
    }
    let reached = apply_in_transaction(conn, &todo)
        .map_err(StepError::Migration)?
        .unwrap_or_else(|| from.clone());
    diesel::update(tenants::table.find(tenant.id))
        .set((
            tenants::schema_version.eq(&reached),
            tenants::migration_error.eq(None::<String>),
            tenants::migration_failed_version.eq(None::<String>),
            tenants::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    Ok(TenantOutcome::Migrated { from, to: reached })
}

fn record_failure(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    version: &str,
    error: &str,
) -> QueryResult<()> {
    let version = Some(version).filter(|v| !v.is_empty());
    diesel::update(tenants::table.find(tenant_id))
        .set((
            tenants::migration_error.eq(error),
            tenants::migration_failed_version.eq(version),
            tenants::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .map(|_| ())
}

fn audit_run(
    pool: &DbPool,
    plan: &MigrationPlan,
    report: &MigrationReport,
    actor: &str,
) -> Result<(), String> {
    let failed: Vec<_> = report
        .failures()
        .map(|(slug, version, error)| json!({ "slug": slug, "version": version, "error": error }))
        .collect();
    let detail = json!({
        "latest": plan.latest,
        "migrated": report.migrated(),
        "failed": failed,
    });
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    record_audit(&mut conn, actor, "tenants.migrate", None, detail).map_err(|e| e.to_string())
}
