//! Signing in with a phone number: a six-digit code is texted to the
//! number, and the code signs the customer in with the same token pair as
//! a password. The first sign-in of a number opens the live record that
//! has it (one staff made, or a guest's), or creates one.
//!
//! Texts cost money, so sending needs the plan's `sms` feature and is
//! limited per number and per client address; trying codes is limited like
//! password attempts, and each code allows five tries.

use std::net::IpAddr;

use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::repo;
use identity::phone_codes::{self, CodeCheck, CODE_TTL_MINUTES};
use identity::ratelimit::{check_code_send, check_in, forgive, AuthAction};
use identity::refresh::{self, Account};
use identity::session::token_pair;
use identity::views::TokenPair;
use identity::{phone_logins, AuthCtx, AuthError, Role};
use kernel::db;
use kernel::error::AppError;
use kernel::schema::tenant::{customer_phone_logins, customers};
use kernel::values::{PersonName, Phone};
use notify::sms::{self, SmsJob};
use tenancy::Tenant;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRequestBody {
    /// The number in international form (`+33612345678`); spaces, dots
    /// and dashes are ignored.
    pub phone: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeSignInBody {
    pub phone: String,
    /// The six digits of the text message.
    pub code: String,
    /// The name a new customer record gets (the number when left out).
    #[serde(default)]
    pub name: Option<String>,
}

fn phone(raw: &str) -> Result<Phone, AuthError> {
    Phone::parse(raw).map_err(|message| AuthError::invalid("phone", message))
}

/// Texts a fresh code to the number. The answer is the same whether the
/// number belongs to a customer or not.
pub async fn send_code(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    client: Option<IpAddr>,
    body: CodeRequestBody,
) -> Result<(), AuthError> {
    let phone = phone(&body.phone)?;
    let tenant_id = tenant.id;
    // The plan is checked before anything is counted: a shop without texts
    // answers so at once, whoever asks.
    db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
        Ok(billing::require_feature(
            conn,
            tenant_id,
            billing::Feature::Sms,
        )?)
    })
    .await?;
    check_code_send(cx.redis, cx.settings, tenant_id, client, phone.as_str()).await?;
    let secret = cx.settings.jwt_secret.clone();
    let site_name = tenant.name.clone();
    db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
        let code = phone_codes::generate();
        phone_codes::issue(conn, &secret, phone.as_str(), &code)?;
        phone_codes::prune(conn, phone.as_str())?;
        let text = SmsJob {
            to: phone.as_str().to_string(),
            body: format!(
                "{code} is your sign-in code for {site_name}. It expires in {CODE_TTL_MINUTES} minutes. \
                 Never share it."
            ),
        };
        sms::enqueue(conn, tenant_id, &text)?;
        Ok(())
    })
    .await
}

/// Signs in with a texted code: the same token pair as a password sign-in.
pub async fn sign_in(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    client: Option<IpAddr>,
    body: CodeSignInBody,
) -> Result<TokenPair, AuthError> {
    let phone = phone(&body.phone)?;
    let code = body.code.trim().to_string();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AuthError::invalid(
            "code",
            "must be the six digits of the text message",
        ));
    }
    let name = match body.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => {
            PersonName::parse(name).map_err(|message| AuthError::invalid("name", message))?
        }
        _ => PersonName::parse(phone.as_str()).map_err(AppError::internal)?,
    };
    let counted = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::PhoneCode,
        client,
        Some(phone.as_str()),
    )
    .await?;
    let tenant_id = tenant.id;
    let secret = cx.settings.jwt_secret.clone();
    let ttl_days = cx.settings.refresh_token_ttl_days;
    // A wrong code must be committed (its try counts), so the transaction
    // answers None rather than an error.
    let signed_in = db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
        if phone_codes::check(conn, &secret, phone.as_str(), &code)? != CodeCheck::Accepted {
            return Ok(None);
        }
        let customer_id = customer_for(conn, tenant_id, &phone, &name)?;
        let issued = refresh::issue(
            conn,
            Account::Customer(customer_id),
            tenant_id,
            None,
            ttl_days,
        )?;
        Ok(Some((customer_id, issued)))
    })
    .await?;
    let Some((customer_id, issued)) = signed_in else {
        return Err(AuthError::InvalidPhoneCode);
    };
    forgive(cx.redis, counted).await;
    token_pair(cx, customer_id, tenant_id, Role::Customer, issued)
}

/// The record a proven number signs in to: the one it opens already, else
/// the oldest live record with that number that no other number opens,
/// else a new one (within the plan's `customers` limit).
fn customer_for(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    phone: &Phone,
    name: &PersonName,
) -> Result<Uuid, AuthError> {
    if let Some(id) = phone_logins::find_by_phone(conn, phone.as_str())? {
        return Ok(id);
    }
    let existing: Option<Uuid> = customers::table
        .filter(customers::phone.eq(phone.as_str()))
        .filter(customers::deleted_at.is_null())
        .filter(customers::erased_at.is_null())
        .filter(diesel::dsl::not(diesel::dsl::exists(
            customer_phone_logins::table
                .filter(customer_phone_logins::customer_id.eq(customers::id)),
        )))
        .order((customers::created_at, customers::id))
        .select(customers::id)
        .first(conn)
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            billing::ensure_room(conn, tenant_id, billing::Limit::Customers, 1, repo::count)?;
            let id = Uuid::new_v4();
            diesel::insert_into(customers::table)
                .values((
                    customers::id.eq(id),
                    customers::name.eq(name.as_str()),
                    customers::phone.eq(phone.as_str()),
                ))
                .execute(conn)?;
            id
        }
    };
    if !phone_logins::link(conn, id, phone.as_str())? {
        // Two first sign-ins of one number at once: the other linked it.
        return phone_logins::find_by_phone(conn, phone.as_str())?
            .ok_or(AuthError::InvalidPhoneCode);
    }
    Ok(id)
}
