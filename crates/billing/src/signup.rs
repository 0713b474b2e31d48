//! Self-service sign-up on the platform's host: a business, its site (the
//! schema with every tenant migration), its owner's account, its trial and
//! the owner's verification mail, in one transaction, so a failure anywhere
//! (a slug or address taken by a concurrent sign-up, found only at the
//! insert) leaves no schema, row or account behind. The answer carries a
//! token pair for the owner on the new site.

use std::cell::RefCell;

use chrono::Utc;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use identity::refresh::{self, Account};
use identity::tokens::{JwtKeys, Role};
use identity::views::TokenPair;
use identity::{password, users, verification};
use kernel::error::AppError;
use kernel::values::{Email, PersonName, TenantSlug};
use tenancy::lifecycle;
use tenancy::migrations::{embedded_tenant_migrations, TenantMigration};
use tenancy::model::find_by_slug;
use tenancy::provision::{CreateOutcome, NewTenant, DEFAULT_PLAN};
use tenancy::{AdminError, AdminErrorKind, Site, Tenant};

use crate::plans::find_plan;
use crate::subscriptions;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupBody {
    /// The business's name, as its site shows it.
    pub business_name: String,
    /// The site's address: <slug>.<platform domain>. Lower-case letters,
    /// digits and inner hyphens.
    pub slug: String,
    /// The owner's email: their sign-in, and where the verification goes.
    pub email: String,
    pub password: String,
    /// The owner's name.
    pub name: String,
    /// A plan code (basic when omitted); the site starts on its trial.
    #[serde(default)]
    pub plan: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SignedUp {
    pub tenant_id: Uuid,
    pub slug: String,
    /// The new site.
    pub url: String,
    /// Where the owner manages it.
    pub admin_url: String,
    pub plan: String,
    /// The owner's tokens on the new site.
    pub tokens: TokenPair,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SlugAvailability {
    pub available: bool,
    /// Why not, in words a person can act on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Input that passed every check that needs no database.
pub struct CheckedSignup {
    slug: TenantSlug,
    business_name: String,
    email: Email,
    name: PersonName,
    password: String,
    plan: String,
}

impl CheckedSignup {
    /// Every field checked, each problem named by its field (422).
    pub fn parse(body: SignupBody) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let slug = TenantSlug::parse(body.slug.trim())
            .map_err(|e| errors.push(("slug", e)))
            .ok();
        let business_name = body.business_name.trim().to_string();
        if business_name.is_empty()
            || business_name.chars().count() > 200
            || business_name.chars().any(char::is_control)
        {
            errors.push((
                "business_name",
                "enter the business's name: one line, up to 200 characters".into(),
            ));
        }
        let email = Email::parse(&body.email)
            .map_err(|e| errors.push(("email", e)))
            .ok();
        let name = PersonName::parse(&body.name)
            .map_err(|e| errors.push(("name", e)))
            .ok();
        if let Err(why) = password::check_rules(&body.password) {
            errors.push(("password", format!("the password {why}")));
        }
        let plan = body
            .plan
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| DEFAULT_PLAN.to_string());
        match (slug, email, name, errors.is_empty()) {
            (Some(slug), Some(email), Some(name), true) => Ok(CheckedSignup {
                slug,
                business_name,
                email,
                name,
                password: body.password,
                plan,
            }),
            _ => Err(refused(errors)),
        }
    }
}

/// One 422 naming every refused field.
fn refused(errors: Vec<(&'static str, String)>) -> AppError {
    let mut fields = errors.into_iter();
    let Some((field, message)) = fields.next() else {
        return AppError::invalid("body", "the sign-up was refused");
    };
    let mut e = AppError::invalid(field, message);
    e.errors
        .extend(fields.map(|(field, message)| kernel::error::FieldError {
            field: field.to_string(),
            message,
        }));
    e
}

/// Where the new site lives: `scheme://<slug>.<base_domain>`.
pub struct Platform<'a> {
    pub scheme: &'a str,
    pub base_domain: &'a str,
    /// The port browsers reach the platform on, when not the scheme's own
    /// (development); links and the answer's URLs carry it.
    pub port: Option<u16>,
    pub keys: &'a JwtKeys,
    pub refresh_ttl_days: i64,
}

/// The tenant migrations built in (cheap: their SQL is in the binary; the
/// boxed migrations cannot be shared between threads, so each sign-up
/// takes its own list).
fn migrations() -> Result<Vec<TenantMigration>, AppError> {
    embedded_tenant_migrations().map_err(|e| AppError::internal(format!("tenant migrations: {e}")))
}

fn slug_taken(slug: &str) -> AppError {
    let mut e = AppError::conflict(
        "slug_taken",
        format!("The address {slug} is taken; choose another."),
    );
    e.errors.push(kernel::error::FieldError {
        field: "slug".into(),
        message: "taken; choose another".into(),
    });
    e
}

/// Whether a slug could be signed up now (the sign-up checks again).
pub fn slug_available(conn: &mut PgConnection, raw: &str) -> Result<SlugAvailability, AppError> {
    let slug = match TenantSlug::parse(raw.trim()) {
        Ok(slug) => slug,
        Err(reason) => {
            return Ok(SlugAvailability {
                available: false,
                reason: Some(reason),
            })
        }
    };
    // A deleted tenant keeps its row (and maybe its schema): still taken.
    let taken = find_by_slug(conn, slug.as_str())?.is_some();
    Ok(SlugAvailability {
        available: !taken,
        reason: taken.then(|| format!("The address {slug} is taken; choose another.")),
    })
}

/// Hashing costs tens of milliseconds: the caller runs this on the
/// blocking pool, after the rate limit.
pub fn sign_up(
    conn: &mut PgConnection,
    input: CheckedSignup,
    platform: &Platform<'_>,
) -> Result<SignedUp, AppError> {
    if find_plan(conn, &input.plan)?.is_none() {
        let codes: Vec<String> = crate::plans::list_plans(conn)?
            .into_iter()
            .map(|p| p.code)
            .collect();
        return Err(AppError::invalid(
            "plan",
            format!(
                "there is no plan {:?}; choose one of: {}",
                input.plan,
                codes.join(", ")
            ),
        ));
    }
    // Cheap refusals before the hash and the schema.
    if find_by_slug(conn, input.slug.as_str())?.is_some() {
        return Err(slug_taken(input.slug.as_str()));
    }
    if users::find_by_email(conn, input.email.as_str())?.is_some() {
        return Err(email_taken());
    }
    let host = match platform.port {
        Some(port) => format!("{}.{}:{port}", input.slug, platform.base_domain),
        None => format!("{}.{}", input.slug, platform.base_domain),
    };
    let new = NewTenant {
        slug: input.slug.as_str().to_string(),
        name: input.business_name.clone(),
        domains: Vec::new(),
        plan: Some(input.plan.clone()),
    };
    // What the setup made, for the answer; set only if the transaction commits.
    let made: RefCell<Option<(Uuid, refresh::IssuedRefresh)>> = RefCell::new(None);
    // The password's hash (tens of milliseconds of CPU) is made on a thread
    // of its own while PostgreSQL creates and migrates the schema; the
    // owner's insert waits for it.
    let outcome = std::thread::scope(|scope| {
        let hashing = RefCell::new(Some(scope.spawn(|| password::hash(&input.password))));
        let setup = |conn: &mut PgConnection, tenant_id: Uuid| -> Result<(), AdminError> {
            let password_hash = hashing
                .borrow_mut()
                .take()
                .ok_or_else(|| AdminError::failed("the owner was added twice"))?
                .join()
                .map_err(|_| AdminError::failed("hashing the password failed"))?
                .map_err(AdminError::failed)?;
            let user = users::insert(
                conn,
                input.email.as_str(),
                &password_hash,
                input.name.as_str(),
            )?
            .ok_or_else(|| AdminError::conflict(EMAIL_TAKEN))?;
            users::add_membership(conn, user.id, tenant_id, Role::Owner)?;
            subscriptions::start(conn, tenant_id, Utc::now())?;
            let row = find_by_slug(conn, input.slug.as_str())?
                .ok_or_else(|| AdminError::failed("the new tenant vanished during its creation"))?;
            let tenant = Tenant::try_from(row).map_err(AdminError::failed)?;
            let site = Site::new(
                tenant,
                Some(host.clone()),
                platform.scheme,
                platform.base_domain,
            );
            verification::send_verification(conn, &site, &user)?;
            let issued = refresh::issue(
                conn,
                Account::Member(user.id),
                tenant_id,
                None,
                platform.refresh_ttl_days,
            )?;
            *made.borrow_mut() = Some((user.id, issued));
            Ok(())
        };
        lifecycle::create(
            conn,
            &new,
            platform.base_domain,
            &migrations().map_err(|e| AdminError::failed(e.to_string()))?,
            "signup",
            &setup,
            Some(input.email.as_str()),
        )
    })
    .map_err(|e| admin_to_app(e, input.slug.as_str()))?;
    let row = match outcome {
        CreateOutcome::Created(row) => row,
        CreateOutcome::AlreadyExists(_) => return Err(slug_taken(input.slug.as_str())),
    };
    let (user_id, issued) = made
        .into_inner()
        .ok_or_else(|| AppError::internal("sign-up committed without its owner"))?;
    let access_token = platform
        .keys
        .issue_for_session(user_id, row.id, Role::Owner, issued.family_id)
        .map_err(AppError::from)?;
    let url = format!("{}://{host}/", platform.scheme);
    Ok(SignedUp {
        tenant_id: row.id,
        admin_url: format!("{url}admin"),
        url,
        slug: row.slug,
        plan: row.plan_code,
        tokens: TokenPair {
            access_token,
            refresh_token: issued.plain,
            token_type: "Bearer",
            expires_in: platform.keys.ttl_secs,
        },
    })
}

const EMAIL_TAKEN: &str = "This email already has an account. Sign in with it on your site, or sign up with another email.";

fn email_taken() -> AppError {
    let mut e = AppError::conflict("email_taken", EMAIL_TAKEN);
    e.errors.push(kernel::error::FieldError {
        field: "email".into(),
        message: "has an account already".into(),
    });
    e
}

/// Provisioning speaks the operators' error type; sign-up answers people.
fn admin_to_app(e: AdminError, slug: &str) -> AppError {
    match e.kind {
        AdminErrorKind::Conflict if e.message == EMAIL_TAKEN => email_taken(),
        AdminErrorKind::Conflict => slug_taken(slug),
        AdminErrorKind::Invalid => AppError::invalid("slug", e.message),
        AdminErrorKind::NotFound | AdminErrorKind::Failed => AppError::internal(e.message),
    }
}
