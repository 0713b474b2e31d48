//! Request bodies of the auth endpoints and the checks on what they carry.
//! Unknown fields are refused, so a typo in a field name is a 4xx, not a
//! silently ignored value.

use serde::Deserialize;
use utoipa::ToSchema;

use super::errors::AuthError;
use super::password;
use kernel::values::{Email, PersonName};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterBody {
    pub email: String,
    pub password: String,
    pub name: String,
    /// Whether the business may send offers (asked on the form, off unless ticked).
    #[serde(default)]
    pub marketing_consent: bool,
}

kernel::text_enum! {
    /// Which of a person's accounts on a site a sign-in is for: the staff
    /// account (a platform account with a role here) or the customer
    /// account of this site. The same address may have both.
    pub enum AccountKind {
        Staff => "staff",
        Customer => "customer",
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
    /// Without it: the staff account when the address has one here, else
    /// the customer account.
    #[serde(default)]
    pub account: Option<AccountKind>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshBody {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequestBody {
    pub email: String,
    /// As in login: which account's password to reset.
    #[serde(default)]
    pub account: Option<AccountKind>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationBody {
    pub token: String,
    /// The invited account's password: the link proves the mailbox, the
    /// password proves the account.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetConfirmBody {
    pub token: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    pub token: String,
}

/// A valid address, lower-cased (emails are unique case-insensitively).
pub fn email(raw: &str) -> Result<Email, AuthError> {
    Email::parse(raw).map_err(|why| AuthError::invalid("email", why))
}

/// For lookups only (login): whatever was typed, in the stored form.
pub fn lookup_email(raw: &str) -> String {
    Email::lookup_form(raw)
}

pub fn new_password(raw: &str) -> Result<(), AuthError> {
    password::check_rules(raw)
        .map_err(|why| AuthError::invalid("password", format!("the password {why}")))
}

pub fn person_name(raw: &str) -> Result<PersonName, AuthError> {
    PersonName::parse(raw).map_err(|why| AuthError::invalid("name", format!("the name {why}")))
}

#[cfg(test)]
#[path = "input_test.rs"]
mod tests;
