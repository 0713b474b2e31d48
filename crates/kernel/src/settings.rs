//! Settings read from the environment (and `.env` when present), with typed
//! helpers so a bad value is one clear error at start-up, not a surprise later.

use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;

#[derive(Debug, Clone)]
pub struct Settings {
    pub host: String,
    pub port: u16,
    /// Where `GET /metrics` (Prometheus) is served, apart from the tenants'
    /// hosts; `None` (METRICS_ADDR=off) serves no metrics.
    pub metrics_addr: Option<String>,
    /// Tenants live at `<slug>.<base_domain>`; the apex and `www.` are the platform site.
    pub base_domain: String,
    pub database_url: String,
    pub database_pool_size: u32,
    /// A pooled connection is closed once its PostgreSQL backend holds
    /// more than this many MB of caches (db_recycle.rs); 16 at least, as
    /// a fresh backend alone takes a few MB.
    pub database_backend_max_mb: u32,
    pub redis_url: String,
    pub jwt_secret: String,
    /// Production unless APP_ENV=development says otherwise: only then may
    /// the server start with a known or weak JWT_SECRET.
    pub app_env: AppEnv,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_days: i64,
    pub smtp_url: String,
    pub mail_from: String,
    /// Scheme used in links mailed to people (https in production).
    pub public_scheme: String,
    /// Only peers in these networks may set X-Forwarded-Host / X-Forwarded-For.
    pub trusted_proxies: Vec<IpNet>,
    pub max_body_bytes: usize,
    pub workers: usize,
    /// How often the outbox worker looks for due jobs.
    pub outbox_poll_ms: u64,
    /// Sent and given-up outbox rows (addresses, payloads) are deleted after this many days.
    pub outbox_retention_days: u32,
    /// Deliveries each outbox worker (mail; webhooks and texts; reminders)
    /// of this server runs at once.
    pub outbox_max_in_flight: usize,
    /// Deliveries of one tenant in flight at once per worker kind, counted
    /// over every server: a tenant whose receiver hangs holds no more.
    pub outbox_max_in_flight_per_tenant: usize,
    /// How long a worker holds a job it took before the job is due again:
    /// longer than the slowest delivery, so only a crashed worker's jobs
    /// are taken over.
    pub outbox_lease_secs: u64,
    /// Webhook endpoints one tenant may have.
    pub webhook_max_endpoints_per_tenant: u32,
    /// Rate limit: attempts per window per IP and per account on login, register, reset.
    pub auth_rate_limit: u32,
    pub auth_rate_window_secs: u64,
    /// Failed attempts on one account, from all addresses of one tenant, per
    /// auth window, after which each further attempt waits before it is
    /// checked: a slow-down, never a refusal, so nobody can lock the owner out.
    pub auth_account_slowdown_after: u32,
    /// Sign-in codes texted per hour on one site from one client address
    /// (IPv6: its /64): each costs a text message.
    pub otp_sends_per_ip_per_hour: u32,
    /// Sign-in codes texted per hour to one number on one site (and never
    /// more than one a minute).
    pub otp_sends_per_phone_per_hour: u32,
    /// Anonymous bookings per window from one client address (IPv6: its /64).
    pub booking_rate_limit_per_ip: u32,
    /// Anonymous bookings per window for one customer email or phone.
    pub booking_rate_limit_per_contact: u32,
    pub booking_rate_window_secs: u64,
    /// Pending or confirmed future bookings one customer email may hold on a
    /// tenant through the public booking form.
    pub booking_max_pending_per_email: u32,
    /// Text messages go out only when a provider is configured.
    pub sms: Option<SmsSettings>,
    /// Where uploaded files (prescriptions, documents) are kept on disk,
    /// one folder per tenant below it.
    pub storage_dir: String,
    /// The largest file one upload may carry.
    pub upload_max_bytes: u64,
    /// Networks that outbound HTTP to tenant-supplied URLs (webhooks) may
    /// reach although they are loopback, private or link-local: empty in
    /// production; tests and on-premise receivers list theirs.
    pub outbound_allow_private_nets: Vec<IpNet>,
    /// Subscriptions, payments and sign-up.
    pub billing: BillingSettings,
    /// The shops on tenants' sites.
    pub stores: StoreSettings,
}

/// What the shops share, set by the platform's operator rather than by a
/// tenant.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    /// The card provider's API (shaped like Stripe's) that shops with the
    /// `stripe` provider create payment intents on, with their own key
    /// (STORE_PAYMENTS_API_URL). Never a URL a tenant gives.
    pub payments_api_url: String,
    /// Minutes an unpaid order holds its stock before it expires and gives
    /// the stock back (STORE_ORDER_HOLD_MINUTES).
    pub order_hold_minutes: i64,
    /// Guest carts one client address (IPv6: its /64) may open per hour on
    /// one shop (STORE_CARTS_PER_IP_PER_HOUR): each is a row anyone can make.
    pub carts_per_ip_per_hour: u32,
}

/// The payment provider (an HTTP API shaped like Stripe's), the grace
/// before a past-due tenant turns read-only, tax on the platform's
/// invoices, and sign-up's limits.
#[derive(Debug, Clone)]
pub struct BillingSettings {
    /// The provider's API, e.g. https://api.stripe.com (BILLING_API_URL).
    pub api_url: String,
    /// Secret API key; empty: checkout sessions answer 503 (BILLING_API_KEY).
    pub api_key: String,
    /// Signs the provider's webhooks; empty: the webhook answers 503
    /// (BILLING_WEBHOOK_SECRET).
    pub webhook_secret: String,
    /// Days a past-due tenant keeps writing before it turns read-only.
    pub grace_days: i64,
    /// Tax on the platform's invoices, in basis points (2000 = 20 %).
    pub tax_rate_bp: i32,
    /// Sign-ups one client address may make per hour.
    pub signups_per_ip_per_hour: u32,
    /// Seconds between the sweeps of trials and canceled subscriptions.
    pub sweep_secs: u64,
}

/// Where the server runs. Production is the default, so forgetting the
/// setting can only make start-up stricter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    Production,
    Development,
}

impl FromStr for AppEnv {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "production" => Ok(AppEnv::Production),
            "development" => Ok(AppEnv::Development),
            _ => Err("expected production or development".into()),
        }
    }
}

/// The built-in and shipped (.env.example) secret: public, so anyone could
/// sign tokens with it.
pub const DEV_JWT_SECRET: &str = "dev-only-secret-change-me-0123456789abcdef";

/// Why a JWT secret must not sign production tokens, if it must not: too
/// short to resist guessing, too few distinct bytes, or a published value
/// or placeholder.
pub fn jwt_secret_weakness(secret: &str) -> Option<&'static str> {
    let lower = secret.to_ascii_lowercase();
    let distinct = secret
        .bytes()
        .collect::<std::collections::HashSet<u8>>()
        .len();
    if secret == DEV_JWT_SECRET
        || ["change-me", "changeme", "dev-only"]
            .iter()
            .any(|m| lower.contains(m))
    {
        Some("is a published default or placeholder")
    } else if secret.len() < 32 {
        Some("is shorter than 32 bytes")
    } else if distinct < 8 {
        Some("repeats too few distinct characters")
    } else {
        None
    }
}

/// A weak JWT secret is refused outside development, with one line saying
/// why and what to do.
pub fn check_jwt_secret(secret: &str, app_env: AppEnv) -> Result<(), SettingsError> {
    match (jwt_secret_weakness(secret), app_env) {
        (Some(why), AppEnv::Production) => Err(SettingsError {
            name: "JWT_SECRET",
            message: format!(
                "{why}; set a long random value (e.g. `openssl rand -hex 32`), or APP_ENV=development for local work"
            ),
        }),
        _ => Ok(()),
    }
}

/// A Twilio-style text message provider.
#[derive(Debug, Clone)]
pub struct SmsSettings {
    pub base_url: String,
    pub account_sid: String,
    pub auth_token: String,
    pub from: String,
}

#[derive(Debug, thiserror::Error)]
#[error("setting {name}: {message}")]
pub struct SettingsError {
    pub name: &'static str,
    pub message: String,
}

fn var(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn string_or(name: &'static str, default: &str) -> String {
    var(name).unwrap_or_else(|| default.to_string())
}

fn parsed_or<T: FromStr>(name: &'static str, default: T) -> Result<T, SettingsError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e: T::Err| SettingsError {
            name,
            message: format!("cannot read {raw:?}: {e}"),
        }),
    }
}

fn networks(name: &'static str, default: &str) -> Result<Vec<IpNet>, SettingsError> {
    string_or(name, default)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|e| SettingsError {
                    name,
                    message: format!("{s:?} is not an address or CIDR network: {e}"),
                })
        })
        .collect()
}

/// SMS_BASE_URL and SMS_ACCOUNT_SID switch text messages on.
fn sms_settings() -> Option<SmsSettings> {
    Some(SmsSettings {
        base_url: var("SMS_BASE_URL")?,
        account_sid: var("SMS_ACCOUNT_SID")?,
        auth_token: string_or("SMS_AUTH_TOKEN", ""),
        from: string_or("SMS_FROM", ""),
    })
}

/// The shortest lease that outlasts a slow delivery (SMTP and webhook
/// timeouts are 10 s each): a shorter one would hand a job that is still
/// being delivered to a second worker.
const MIN_OUTBOX_LEASE_SECS: u64 = 30;

fn lease_secs() -> Result<u64, SettingsError> {
    let secs = parsed_or("OUTBOX_LEASE_SECONDS", 120u64)?;
    if secs < MIN_OUTBOX_LEASE_SECS {
        return Err(SettingsError {
            name: "OUTBOX_LEASE_SECONDS",
            message: format!(
                "must be at least {MIN_OUTBOX_LEASE_SECS}, longer than the slowest delivery (got {secs})"
            ),
        });
    }
    Ok(secs)
}

/// The metrics listener's address: loopback by default, so only the
/// machine's own scraper (or a tunnel) reaches it; `off` disables it.
fn metrics_addr(raw: Option<String>) -> Option<String> {
    match raw {
        None => Some("127.0.0.1:9100".into()),
        Some(v) if v.trim().eq_ignore_ascii_case("off") => None,
        Some(v) => Some(v.trim().to_string()),
    }
}

/// Loads `.env` if present; real environment variables win.
pub fn load_dotenv() {
    let _ = dotenvy::dotenv();
}

impl Settings {
    /// What the server checks before it serves: a weak JWT secret is refused
    /// outside development. tenant-admin signs no tokens, so it skips this.
    pub fn check_for_serving(&self) -> Result<(), SettingsError> {
        check_jwt_secret(&self.jwt_secret, self.app_env)
    }

    pub fn from_env() -> Result<Self, SettingsError> {
        let jwt_secret = string_or("JWT_SECRET", DEV_JWT_SECRET);
        if jwt_secret.len() < 32 {
            return Err(SettingsError {
                name: "JWT_SECRET",
                message: "must be at least 32 characters".into(),
            });
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Settings {
            host: string_or("APP_HOST", "127.0.0.1"),
            port: parsed_or("APP_PORT", 8080)?,
            metrics_addr: metrics_addr(var("METRICS_ADDR")),
            base_domain: string_or("BASE_DOMAIN", "localhost")
                .trim_end_matches('.')
                .to_ascii_lowercase(),
            database_url: string_or(
                "DATABASE_URL",
                "postgres://postgres:postgres@127.0.0.1:5432/saas_dev?sslmode=disable",
            ),
            // Two per core: with PostgreSQL on the same machine, more connections
            // only add context switches and tail latency (measured by make bench).
            database_pool_size: parsed_or("DATABASE_POOL_SIZE", 2 * cores as u32)?,
            database_backend_max_mb: parsed_or(
                "DATABASE_BACKEND_MAX_MB",
                crate::db::SERVER_BACKEND_MAX_MB,
            )?
            .max(16),
            redis_url: string_or("REDIS_URL", "redis://127.0.0.1:6379"),
            jwt_secret,
            app_env: parsed_or("APP_ENV", AppEnv::Production)?,
            access_token_ttl_secs: parsed_or("ACCESS_TOKEN_TTL_SECONDS", 900i64)?.clamp(1, 900),
            refresh_token_ttl_days: parsed_or("REFRESH_TOKEN_TTL_DAYS", 30)?,
            smtp_url: string_or("SMTP_URL", "smtp://127.0.0.1:1025"),
            mail_from: string_or("MAIL_FROM", "Platform <no-reply@localhost>"),
            public_scheme: string_or("PUBLIC_SCHEME", "http"),
            trusted_proxies: networks("TRUSTED_PROXIES", "127.0.0.1/32,::1/128")?,
            max_body_bytes: parsed_or("MAX_BODY_BYTES", 64 * 1024)?,
            workers: parsed_or("WORKERS", cores)?,
            outbox_poll_ms: parsed_or("OUTBOX_POLL_MS", 500)?,
            outbox_retention_days: parsed_or("OUTBOX_RETENTION_DAYS", 30)?,
            outbox_max_in_flight: parsed_or("OUTBOX_MAX_IN_FLIGHT", 16usize)?.max(1),
            outbox_max_in_flight_per_tenant: parsed_or("OUTBOX_MAX_IN_FLIGHT_PER_TENANT", 2usize)?
                .max(1),
            outbox_lease_secs: lease_secs()?,
            webhook_max_endpoints_per_tenant: parsed_or("WEBHOOK_MAX_ENDPOINTS_PER_TENANT", 10)?,
            auth_rate_limit: parsed_or("AUTH_RATE_LIMIT", 10)?,
            auth_rate_window_secs: parsed_or("AUTH_RATE_WINDOW_SECONDS", 60)?,
            auth_account_slowdown_after: parsed_or("AUTH_ACCOUNT_SLOWDOWN_AFTER", 100)?,
            otp_sends_per_ip_per_hour: parsed_or("OTP_SENDS_PER_IP_PER_HOUR", 30)?,
            otp_sends_per_phone_per_hour: parsed_or("OTP_SENDS_PER_PHONE_PER_HOUR", 5)?,
            booking_rate_limit_per_ip: parsed_or("BOOKING_RATE_LIMIT_PER_IP", 60)?,
            booking_rate_limit_per_contact: parsed_or("BOOKING_RATE_LIMIT_PER_CONTACT", 5)?,
            booking_rate_window_secs: parsed_or("BOOKING_RATE_WINDOW_SECONDS", 3600)?,
            booking_max_pending_per_email: parsed_or("BOOKING_MAX_PENDING_PER_EMAIL", 5)?,
            sms: sms_settings(),
            storage_dir: string_or("STORAGE_DIR", "var/storage"),
            upload_max_bytes: parsed_or("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)?,
            outbound_allow_private_nets: networks("OUTBOUND_ALLOW_PRIVATE_NETS", "")?,
            billing: BillingSettings {
                api_url: string_or("BILLING_API_URL", "https://api.stripe.com")
                    .trim_end_matches('/')
                    .to_string(),
                api_key: string_or("BILLING_API_KEY", ""),
                webhook_secret: string_or("BILLING_WEBHOOK_SECRET", ""),
                grace_days: parsed_or("BILLING_GRACE_DAYS", 7i64)?.clamp(0, 365),
                tax_rate_bp: parsed_or("BILLING_TAX_RATE_BP", 0i32)?.clamp(0, 10_000),
                signups_per_ip_per_hour: parsed_or("SIGNUPS_PER_IP_PER_HOUR", 10)?,
                sweep_secs: parsed_or("BILLING_SWEEP_SECONDS", 60)?,
            },
            stores: StoreSettings {
                payments_api_url: string_or("STORE_PAYMENTS_API_URL", "https://api.stripe.com")
                    .trim_end_matches('/')
                    .to_string(),
                // At least a minute, at most a week: stock held longer is
                // stock nobody else can buy.
                order_hold_minutes: parsed_or("STORE_ORDER_HOLD_MINUTES", 30i64)?.clamp(1, 10_080),
                carts_per_ip_per_hour: parsed_or("STORE_CARTS_PER_IP_PER_HOUR", 120)?,
            },
        })
    }
}

#[cfg(test)]
#[path = "settings_test.rs"]
mod tests;
