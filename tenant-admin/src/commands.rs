//! One function per command: call the tenancy library, print what it did.

use std::process::ExitCode;
use std::time::Instant;

use chrono::Utc;
use diesel::PgConnection;
use identity::owner::{self, LinkBase, NewOwner, OwnerOutcome};
use kernel::settings::Settings;
use tenancy::lifecycle::{
    self, operator_name, DeleteOutcome, DomainRemoved, DomainView, StatusChange,
};
use tenancy::migrate::TenantMigrationSource;
use tenancy::migrations::run_shared;
use tenancy::provision::{parse_domain, CreateOutcome, NewTenant};
use tenancy::AdminError;

use crate::cli::{BillingCommand, Command, CreateArgs, DomainCommand};
use crate::{migrate_cmd, plans_cmd, table};

pub fn dispatch(
    command: Command,
    conn: &mut PgConnection,
    settings: &Settings,
) -> Result<ExitCode, AdminError> {
    let actor = operator_name();
    match command {
        Command::Init => init(conn)?,
        Command::Create(args) => create(conn, settings, args, &actor)?,
        Command::List { json } => list(conn, json)?,
        Command::Show { slug, json } => show(conn, &slug, json)?,
        Command::Migrate(args) => return migrate_cmd::migrate(conn, settings, args, &actor),
        Command::Domain(cmd) => domain(conn, settings, cmd, &actor)?,
        Command::Suspend { slug } => {
            report_status(&slug, lifecycle::suspend(conn, &slug, &actor)?, "suspended")
        }
        Command::Resume { slug } => {
            report_status(&slug, lifecycle::resume(conn, &slug, &actor)?, "resumed")
        }
        Command::Plan { slug, plan } => match billing::set_plan(conn, &slug, &plan, &actor)? {
            billing::PlanChange::Changed { from, to } => {
                println!("tenant {slug}: plan changed from {from} to {to}")
            }
            billing::PlanChange::Unchanged(plan) => {
                println!("tenant {slug} is on plan {plan} already; nothing to do")
            }
        },
        Command::Plans { command, json } => plans_cmd::run(conn, command, json, &actor)?,
        Command::Billing(BillingCommand::Report { month, json }) => {
            plans_cmd::report(conn, month.as_deref(), json)?
        }
        Command::Delete {
            slug, drop_schema, ..
        } => report_delete(&lifecycle::delete(conn, &slug, drop_schema, &actor)?),
    }
    Ok(ExitCode::SUCCESS)
}

fn init(conn: &mut PgConnection) -> Result<(), AdminError> {
    let applied = run_shared(conn)
        .map_err(|e| AdminError::failed(format!("public schema migration failed: {e}")))?;
    if applied.is_empty() {
        println!("public schema is up to date");
    } else {
        for version in &applied {
            println!("applied public migration {version}");
        }
        println!("public schema migrated ({} applied)", applied.len());
    }
    Ok(())
}

fn create(
    conn: &mut PgConnection,
    settings: &Settings,
    args: CreateArgs,
    actor: &str,
) -> Result<(), AdminError> {
    let migrations = TenantMigrationSource::Embedded.load()?;
    let input = NewTenant {
        slug: args.slug,
        name: args.name,
        domains: args.domains,
        plan: args.plan,
    };
    let owner = args
        .owner_email
        .zip(args.owner_password)
        .map(|(email, password)| NewOwner { email, password });
    let started = Instant::now();
    let links = LinkBase {
        scheme: settings.public_scheme.clone(),
        base_domain: settings.base_domain.clone(),
    };
    let start_subscription = |conn: &mut PgConnection, tenant_id| {
        billing::subscriptions::start(conn, tenant_id, Utc::now())
    };
    let (outcome, owner_outcome) = owner::create_tenant(
        conn,
        &input,
        owner.as_ref(),
        &links,
        &migrations,
        actor,
        &start_subscription,
    )?;
    let elapsed_ms = started.elapsed().as_millis();
    match outcome {
        CreateOutcome::AlreadyExists(row) => println!(
            "tenant {} already exists (status {}, schema {}); nothing changed",
            row.slug, row.status, row.schema_name
        ),
        CreateOutcome::Created(row) => {
            println!(
                "created tenant {} (schema {}, plan {}, schema version {}) in {elapsed_ms} ms",
                row.slug, row.schema_name, row.plan_code, row.schema_version
            );
            println!("  site: {}.{}", row.slug, settings.base_domain);
            let mut hosts: Vec<String> = Vec::new();
            for raw in &input.domains {
                let host = parse_domain(raw, &settings.base_domain)?;
                if !hosts.contains(&host) {
                    hosts.push(host);
                }
            }
            for (i, host) in hosts.iter().enumerate() {
                let primary = if i == 0 { " (primary)" } else { "" };
                println!("  domain: {host}{primary}");
            }
            if let Some(owner) = &owner {
                let email = owner.email.trim().to_lowercase();
                match owner_outcome {
                    Some(OwnerOutcome::Invited) => println!(
                        "  owner: {email} already has an account: invitation mailed; they become owner \
                         when they accept it with that account's password (the password given was not used)"
                    ),
                    _ => println!("  owner: {email}"),
                }
            }
        }
    }
    Ok(())
}

fn format_domains(domains: &[DomainView]) -> String {
    domains
        .iter()
        .map(|d| {
            if d.primary {
                format!("{}*", d.host)
            } else {
                d.host.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AdminError> {
    serde_json::to_string_pretty(value)
        .map_err(|e| AdminError::failed(format!("cannot encode JSON: {e}")))
}

fn list(conn: &mut PgConnection, json: bool) -> Result<(), AdminError> {
    let tenants = lifecycle::list(conn)?;
    if json {
        println!("{}", to_json(&tenants)?);
        return Ok(());
    }
    if tenants.is_empty() {
        println!("no tenants");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = tenants
        .iter()
        .map(|t| {
            let status = if t.migration_error.is_some() {
                format!("{} (migration failed)", t.status)
            } else {
                t.status.to_string()
            };
            vec![
                t.slug.clone(),
                status,
                t.plan.clone(),
                t.schema_version.clone(),
                format_domains(&t.domains),
            ]
        })
        .collect();
    table::print(
        &[
            "SLUG",
            "STATUS",
            "PLAN",
            "SCHEMA VERSION",
            "DOMAINS (* primary)",
        ],
        &rows,
    );
    Ok(())
}

fn show(conn: &mut PgConnection, slug: &str, json: bool) -> Result<(), AdminError> {
    let t = lifecycle::show(conn, slug)?;
    if json {
        println!("{}", to_json(&t)?);
        return Ok(());
    }
    println!("slug:           {}", t.slug);
    println!("name:           {}", t.name);
    println!("status:         {}", t.status);
    println!("plan:           {}", t.plan);
    println!("schema:         {}", t.schema);
    println!("schema version: {}", t.schema_version);
    if let Some(error) = &t.migration_error {
        let version = t.migration_failed_version.as_deref().unwrap_or("?");
        println!("migration:      failed at {version}: {error}");
    }
    println!("domains:        {}", format_domains(&t.domains));
    println!("members:        {}", t.members);
    println!("created:        {}", t.created_at.to_rfc3339());
    if let Some(deleted) = t.deleted_at {
        println!("deleted:        {}", deleted.to_rfc3339());
    }
    Ok(())
}

fn domain(
    conn: &mut PgConnection,
    settings: &Settings,
    command: DomainCommand,
    actor: &str,
) -> Result<(), AdminError> {
    match command {
        DomainCommand::Add {
            slug,
            host,
            primary,
        } => {
            require_custom_domains(conn, &slug)?;
            let added =
                lifecycle::add_domain(conn, &slug, &host, primary, &settings.base_domain, actor)?;
            let role = if added.primary { " as primary" } else { "" };
            if added.already_present {
                println!(
                    "tenant {} already has domain {}{role}",
                    added.slug, added.host
                );
            } else {
                println!("added domain {} to tenant {}{role}", added.host, added.slug);
            }
        }
        DomainCommand::Remove { host } => match lifecycle::remove_domain(conn, &host, actor)? {
            DomainRemoved::NotRegistered(host) => {
                println!("domain {host} is not registered; nothing removed")
            }
            DomainRemoved::Removed {
                slug,
                host,
                new_primary,
            } => {
                println!("removed domain {host} from tenant {slug}");
                if let Some(next) = new_primary {
                    println!("{next} is now the primary domain of {slug}");
                }
            }
        },
        DomainCommand::Primary { host } => {
            let (slug, changed) = lifecycle::set_primary_domain(conn, &host, actor)?;
            if changed {
                println!("{host} is now the primary domain of tenant {slug}");
            } else {
                println!("{host} is already the primary domain of tenant {slug}");
            }
        }
    }
    Ok(())
}

/// A custom domain is a plan feature: a tenant whose plan lacks it is
/// refused, with the plans that include it.
fn require_custom_domains(conn: &mut PgConnection, slug: &str) -> Result<(), AdminError> {
    let Some(row) = tenancy::model::find_by_slug(conn, slug)? else {
        return Ok(()); // add_domain says there is no such tenant
    };
    billing::require_feature(conn, row.id, billing::Feature::CustomDomain)
        .map_err(|e| AdminError::invalid(format!("tenant {slug}: {}", e.detail)))
}

fn report_status(slug: &str, change: StatusChange, verb: &str) {
    match change {
        StatusChange::Changed { from, .. } => {
            println!("{verb} tenant {slug} (was {})", from.as_str())
        }
        StatusChange::Unchanged(status) => {
            println!(
                "tenant {slug} is already {}; nothing changed",
                status.as_str()
            )
        }
    }
}

fn report_delete(outcome: &DeleteOutcome) {
    let slug = &outcome.slug;
    if outcome.already_deleted {
        println!("tenant {slug} was already deleted");
    } else {
        println!("deleted tenant {slug}");
    }
    if !outcome.domains_removed.is_empty() {
        println!("  released domains: {}", outcome.domains_removed.join(", "));
    }
    if outcome.schema_dropped {
        println!("  dropped schema {} and all its data", outcome.schema);
    } else if !outcome.already_deleted {
        println!(
            "  schema {} kept; delete again with --drop-schema --yes to remove it",
            outcome.schema
        );
    }
}
