//! The command line: every command and option, with the help text operators see.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Operator tool for the platform's tenants: provision, migrate, suspend,
/// delete and inspect. Reads DATABASE_URL and BASE_DOMAIN from the
/// environment (or .env).
#[derive(Debug, Parser)]
#[command(name = "tenant-admin", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the public (shared) schema. Safe to run any number of times.
    Init,
    /// Create a tenant: its row, its schema (migrated), domains and owner.
    Create(CreateArgs),
    /// List every tenant.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one tenant in detail.
    Show {
        slug: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Apply pending tenant migrations.
    Migrate(MigrateArgs),
    /// Manage a tenant's custom domains.
    #[command(subcommand)]
    Domain(DomainCommand),
    /// Suspend a tenant: its sites answer 403 until it is resumed.
    Suspend { slug: String },
    /// Resume a suspended tenant.
    Resume { slug: String },
    /// Put a tenant on another plan (see `plans`).
    Plan { slug: String, plan: String },
    /// List the plans; `plans create` and `plans update` manage them.
    Plans {
        #[command(subcommand)]
        command: Option<PlansCommand>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Subscriptions and revenue.
    #[command(subcommand)]
    Billing(BillingCommand),
    /// Delete a tenant: it stops resolving and its domains are released. The
    /// schema is kept unless --drop-schema is given.
    Delete {
        slug: String,
        /// Also drop the tenant's schema and all its data. Cannot be undone.
        #[arg(long)]
        drop_schema: bool,
        /// Confirm the deletion.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// A DNS label: lower-case letters, digits and inner hyphens, at most 40.
    pub slug: String,
    /// The business's display name.
    #[arg(long)]
    pub name: String,
    /// A custom domain; repeat for several. The first is the primary.
    #[arg(long = "domain", value_name = "HOST")]
    pub domains: Vec<String>,
    /// Email of the tenant's owner (created if no such user exists).
    #[arg(long, requires = "owner_password")]
    pub owner_email: Option<String>,
    /// Password for a new owner account (ignored for an existing user). The
    /// environment keeps it out of the process list.
    #[arg(long, env = "TENANT_OWNER_PASSWORD", hide_env_values = true)]
    pub owner_password: Option<String>,
    /// Plan code (basic when omitted); the tenant starts on its trial.
    #[arg(long)]
    pub plan: Option<String>,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Every tenant that is not deleted.
    #[arg(long, conflicts_with = "slugs", required_unless_present = "slugs")]
    pub all: bool,
    /// The tenants to migrate.
    #[arg(value_name = "SLUG")]
    pub slugs: Vec<String>,
    /// Tenants migrated at the same time, each on its own connection.
    #[arg(long, short = 'j', default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Print what would be applied, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Read tenant migrations from this directory instead of those built in.
    #[arg(long, value_name = "PATH")]
    pub migrations_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DomainCommand {
    /// Give a tenant a custom domain.
    Add {
        slug: String,
        host: String,
        /// Make it the tenant's primary domain.
        #[arg(long)]
        primary: bool,
    },
    /// Take a domain away from its tenant.
    Remove { host: String },
    /// Make a domain its tenant's primary.
    #[command(alias = "set-primary")]
    Primary { host: String },
}

#[derive(Debug, Subcommand)]
pub enum PlansCommand {
    /// Create a plan.
    Create {
        /// Lower-case letters, digits, '-' or '_'.
        code: String,
        #[command(flatten)]
        fields: PlanFields,
    },
    /// Change a plan; tenants on it get the change at once.
    Update {
        code: String,
        #[command(flatten)]
        fields: PlanFields,
        /// Take a feature out of the plan; repeat for several.
        #[arg(long = "no-feature", value_name = "NAME")]
        no_features: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct PlanFields {
    /// The name customers see.
    #[arg(long)]
    pub name: Option<String>,
    /// Price per interval in the currency's minor unit (1900 = 19.00).
    #[arg(long, allow_negative_numbers = true)]
    pub price_cents: Option<i64>,
    /// ISO 4217 code, e.g. EUR (EUR when a new plan names none).
    #[arg(long)]
    pub currency: Option<String>,
    /// month or year (month when a new plan names none).
    #[arg(long)]
    pub interval: Option<String>,
    /// Days of free trial a new tenant gets (0: none).
    #[arg(long, allow_negative_numbers = true)]
    pub trial_days: Option<i32>,
    /// NAME=N caps a limit, NAME=none lifts it; repeat for several. Names:
    /// staff, services, customers, patients, products, storage_mb.
    #[arg(long = "limit", value_name = "NAME=N")]
    pub limits: Vec<String>,
    /// Include a feature; repeat for several. Names: documents, sms,
    /// custom_domain, webhooks, online_payments, reports.
    #[arg(long = "feature", value_name = "NAME")]
    pub features: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum BillingCommand {
    /// Tenants per plan and status, monthly recurring revenue per currency,
    /// trials ending in the next 7 days.
    Report {
        /// The month the figures are for, YYYY-MM (this month when omitted).
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
}
