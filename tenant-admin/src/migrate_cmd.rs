//! `migrate`: plan, then run with a progress bar on a terminal, then a summary
//! and one stderr line per failed tenant.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use diesel::PgConnection;
use indicatif::{ProgressBar, ProgressStyle};
use kernel::settings::Settings;
use tenancy::migrate::{self, MigrationPlan, Selection, TenantMigrationSource};
use tenancy::migrations::{latest_version, pending, version_of, TenantMigration};
use tenancy::AdminError;

use crate::cli::MigrateArgs;
use crate::one_line;

pub fn migrate(
    conn: &mut PgConnection,
    settings: &Settings,
    args: MigrateArgs,
    actor: &str,
) -> Result<ExitCode, AdminError> {
    let source = match args.migrations_dir {
        Some(dir) => TenantMigrationSource::Directory(dir),
        None => TenantMigrationSource::Embedded,
    };
    let migrations = source.load()?;
    let latest = latest_version(&migrations);
    let selection = if args.all {
        Selection::All
    } else {
        Selection::Slugs(args.slugs)
    };
    let started = Instant::now();
    let plan = migrate::plan(conn, &selection, &latest)?;
    let checked_ms = started.elapsed().as_millis();
    for slug in &plan.deleted {
        println!("skipped {slug}: the tenant is deleted");
    }
    if args.dry_run {
        print_dry_run(&plan, &migrations, checked_ms);
        return Ok(ExitCode::SUCCESS);
    }
    if plan.pending.is_empty() {
        println!(
            "nothing to migrate: {} tenant(s) up to date at {} (checked in {checked_ms} ms)",
            plan.up_to_date,
            display_version(&latest)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let progress = progress_bar(plan.pending.len());
    let on_done = |_: &migrate::TenantResult| progress.inc(1);
    let report = migrate::run(
        &settings.database_url,
        &plan,
        &source,
        usize::from(args.jobs),
        actor,
        &on_done,
    )?;
    progress.finish_and_clear();
    let failed: Vec<_> = report.failures().collect();
    println!(
        "migrated {}, failed {}, up to date {} (latest {}) in {} ms",
        report.migrated(),
        failed.len(),
        plan.up_to_date + report.nothing_to_do(),
        display_version(&latest),
        started.elapsed().as_millis()
    );
    for (slug, version, error) in &failed {
        eprintln!(
            "error: tenant {slug} failed at migration {}: {}",
            display_version(version),
            one_line(error)
        );
    }
    if let Some(e) = &report.audit_error {
        eprintln!(
            "warning: the audit row for this run was not written: {}",
            one_line(e)
        );
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "error: {} tenant(s) failed; fix the cause and run migrate again to resume",
            failed.len()
        );
        Ok(ExitCode::FAILURE)
    }
}

fn print_dry_run(plan: &MigrationPlan, migrations: &[TenantMigration], checked_ms: u128) {
    for tenant in &plan.pending {
        let versions: Vec<String> = pending(migrations, &tenant.schema_version)
            .into_iter()
            .map(version_of)
            .collect();
        println!(
            "would migrate {} from {}: {}",
            tenant.slug,
            display_version(&tenant.schema_version),
            versions.join(", ")
        );
    }
    println!(
        "dry run: {} tenant(s) would be migrated to {}, {} up to date (checked in {checked_ms} ms); nothing changed",
        plan.pending.len(),
        display_version(&plan.latest),
        plan.up_to_date
    );
}

fn display_version(version: &str) -> &str {
    if version.is_empty() {
        "(none)"
    } else {
        version
    }
}

/// A bar on an interactive terminal only; logs and pipes get the summary.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(u64::try_from(len).unwrap_or(u64::MAX));
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} tenants [{elapsed_precise}, eta {eta}]")
    {
        bar.set_style(style);
    }
    bar
}
