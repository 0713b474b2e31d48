//! The shop's payment provider (one row, absent meaning `manual`): which
//! provider, its secret API key, the instructions a customer reads for a
//! manual payment, and the secret that signs the provider's webhooks. The
//! secrets never leave in an answer, except the webhook secret once, in
//! the answer that made it.

use chrono::{DateTime, Utc};
use diesel::dsl::now;
use diesel::prelude::*;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::error::PaymentError;
use crate::schema::payment_settings;
use kernel::error::FieldError;
use kernel::input::{optional_long_text, present};

pub const MAX_INSTRUCTIONS_CHARS: usize = 2000;
pub const MAX_API_KEY_CHARS: usize = 255;

kernel::text_enum! {
    /// How a shop's customers pay.
    pub enum ProviderKind {
        /// Cash on delivery or a bank transfer: staff mark the order paid.
        Manual => "manual",
        /// Cards through the Stripe-shaped provider and its webhook.
        Stripe => "stripe",
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PaymentSettingsBody)]
pub struct SettingsBody {
    /// manual (cash on delivery, bank transfer) or stripe.
    #[schema(max_length = 10)]
    pub provider: String,
    /// The provider account's secret key: needed for stripe (once; later
    /// changes may leave it out to keep it). Never answered back.
    #[serde(default)]
    #[schema(max_length = 255)]
    pub api_key: Option<String>,
    /// What the customer reads for a manual payment (bank details, cash on
    /// delivery). Left out: kept; null or blank: cleared.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 2000, pattern = r"^[^\u0000]*$")]
    pub instructions: Option<Option<String>>,
    /// A new webhook secret replaces the old one, which stops verifying at
    /// once; the new one is in this answer only.
    #[serde(default)]
    pub rotate_webhook_secret: Option<bool>,
}

/// A checked change of the settings.
#[derive(Debug, Clone)]
pub struct NewSettings {
    pub provider: ProviderKind,
    /// None: keep the key there is.
    pub api_key: Option<String>,
    /// None: keep; Some(None): clear.
    pub instructions: Option<Option<String>>,
    pub rotate_webhook_secret: bool,
}

/// Printable ASCII without spaces, as providers' keys are.
fn parse_api_key(raw: &str) -> Result<String, String> {
    let key = raw.trim();
    if key.len() < 8 || key.len() > MAX_API_KEY_CHARS {
        return Err(format!(
            "must be the provider's secret key, 8 to {MAX_API_KEY_CHARS} characters"
        ));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("must be printable ASCII without spaces".into());
    }
    Ok(key.to_string())
}

impl NewSettings {
    pub fn parse(body: SettingsBody) -> Result<Self, PaymentError> {
        let mut errors = Vec::new();
        let mut problem = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        let provider = ProviderKind::parse(body.provider.trim());
        if provider.is_none() {
            problem(
                "provider",
                format!("must be one of {}", ProviderKind::choices()),
            );
        }
        let api_key = match body.api_key.as_deref() {
            None => None,
            Some(raw) => parse_api_key(raw).map_err(|m| problem("api_key", m)).ok(),
        };
        let instructions = match body.instructions {
            None => None,
            Some(raw) => optional_long_text(raw.as_deref(), MAX_INSTRUCTIONS_CHARS)
                .map_err(|m| problem("instructions", m))
                .ok(),
        };
        match provider {
            Some(provider) if errors.is_empty() => Ok(NewSettings {
                provider,
                api_key,
                instructions,
                rotate_webhook_secret: body.rotate_webhook_secret.unwrap_or(false),
            }),
            _ => Err(PaymentError::Validation(errors)),
        }
    }
}

/// The settings as the back office sees them: never a secret, except the
/// webhook secret in the one answer that made it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PaymentSettings)]
pub struct SettingsView {
    pub provider: ProviderKind,
    pub instructions: Option<String>,
    pub api_key_set: bool,
    /// The key's last four characters, to tell keys apart.
    pub api_key_last4: Option<String>,
    /// Give it to the provider as the webhook's signing secret. Shown only
    /// in the answer that made it (the first settings, or a rotation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_secret: Option<String>,
    pub webhook_secret_set: bool,
    /// Null while the shop has never set its provider (it is manual).
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = payment_settings, check_for_backend(diesel::pg::Pg))]
pub struct SettingsRow {
    pub provider: ProviderKind,
    pub api_key: Option<String>,
    pub webhook_secret: String,
    pub instructions: Option<String>,
    pub updated_at: DateTime<Utc>,
}

fn last4(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

impl SettingsView {
    fn of(row: Option<&SettingsRow>, shown_secret: Option<String>) -> Self {
        SettingsView {
            provider: row.map_or(ProviderKind::Manual, |r| r.provider),
            instructions: row.and_then(|r| r.instructions.clone()),
            api_key_set: row.is_some_and(|r| r.api_key.is_some()),
            api_key_last4: row.and_then(|r| r.api_key.as_deref()).map(last4),
            webhook_secret: shown_secret,
            webhook_secret_set: row.is_some(),
            updated_at: row.map(|r| r.updated_at),
        }
    }
}

/// A fresh webhook signing secret: 32 random bytes, hex.
fn new_webhook_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("whsec_{}", hex::encode(bytes))
}

pub fn load(conn: &mut PgConnection) -> QueryResult<Option<SettingsRow>> {
    payment_settings::table
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()
}

fn load_for_update(conn: &mut PgConnection) -> QueryResult<Option<SettingsRow>> {
    payment_settings::table
        .select(SettingsRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The settings as they are (the secrets left out).
pub fn show(conn: &mut PgConnection) -> Result<SettingsView, PaymentError> {
    Ok(SettingsView::of(load(conn)?.as_ref(), None))
}

/// Sets the provider. The first time (and on a rotation) a webhook secret
/// is made and answered, once.
pub fn set(conn: &mut PgConnection, new: &NewSettings) -> Result<SettingsView, PaymentError> {
    let current = load_for_update(conn)?;
    let api_key = new
        .api_key
        .clone()
        .or_else(|| current.as_ref().and_then(|c| c.api_key.clone()));
    if new.provider == ProviderKind::Stripe && api_key.is_none() {
        return Err(PaymentError::Validation(vec![FieldError {
            field: "api_key".into(),
            message: "is required for stripe: the provider account's secret key".into(),
        }]));
    }
    let instructions = match &new.instructions {
        Some(given) => given.clone(),
        None => current.as_ref().and_then(|c| c.instructions.clone()),
    };
    let shown_secret = (current.is_none() || new.rotate_webhook_secret).then(new_webhook_secret);
    // A row always has a secret, so only a first setting or a rotation
    // makes one.
    let secret = shown_secret
        .clone()
        .or_else(|| current.as_ref().map(|c| c.webhook_secret.clone()))
        .unwrap_or_else(new_webhook_secret);
    let row = if current.is_none() {
        let inserted = diesel::insert_into(payment_settings::table)
            .values((
                payment_settings::only_row.eq(true),
                payment_settings::provider.eq(new.provider),
                payment_settings::api_key.eq(&api_key),
                payment_settings::webhook_secret.eq(&secret),
                payment_settings::instructions.eq(&instructions),
            ))
            .on_conflict(payment_settings::only_row)
            .do_nothing()
            .returning(SettingsRow::as_returning())
            .get_result(conn)
            .optional()?;
        match inserted {
            Some(row) => row,
            // Another first setting committed meanwhile: this one is a
            // change of it, and makes no secret of its own.
            None => return set(conn, new),
        }
    } else {
        diesel::update(payment_settings::table)
            .set((
                payment_settings::provider.eq(new.provider),
                payment_settings::api_key.eq(&api_key),
                payment_settings::webhook_secret.eq(&secret),
                payment_settings::instructions.eq(&instructions),
                payment_settings::updated_at.eq(now),
            ))
            .returning(SettingsRow::as_returning())
            .get_result(conn)?
    };
    Ok(SettingsView::of(Some(&row), shown_secret))
}

#[cfg(test)]
#[path = "settings_test.rs"]
mod tests;
