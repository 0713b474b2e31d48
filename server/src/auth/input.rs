//! Request bodies of the auth endpoints and the checks on what they carry.
//! Unknown fields are refused, so a typo in a field name is a 4xx, not a
//! silently ignored value.

use serde::Deserialize;

use super::password;
use crate::error::{AppError, AppResult};
use crate::tenancy::provision::parse_email;

pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterBody {
    pub email: String,
    pub password: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshBody {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetRequestBody {
    pub email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetConfirmBody {
    pub token: String,
    pub password: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    pub token: String,
}

/// A valid address, lower-cased (emails are unique case-insensitively).
pub fn email(raw: &str) -> AppResult<String> {
    parse_email(raw).map_err(|why| AppError::invalid("email", why))
}

/// For lookups only (login): whatever was typed, in the stored form.
pub fn lookup_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub fn new_password(raw: &str) -> AppResult<()> {
    password::check_rules(raw)
        .map_err(|why| AppError::invalid("password", format!("the password {why}")))
}

pub fn person_name(raw: &str) -> AppResult<String> {
    let name = raw.trim();
    let chars = name.chars().count();
    if chars == 0 {
        return Err(AppError::invalid("name", "the name must not be empty"));
    }
    if chars > MAX_NAME_CHARS {
        return Err(AppError::invalid(
            "name",
            format!("the name must be at most {MAX_NAME_CHARS} characters (it has {chars})"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(
            "name",
            "the name must not contain control characters",
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn checks_explain_themselves() {
        assert_eq!(email(" Ann@Example.COM ").unwrap(), "ann@example.com");
        assert_eq!(email("nope").unwrap_err().code, "validation_failed");
        let weak = new_password("short1").unwrap_err();
        assert!(
            weak.detail.contains("at least 10 characters"),
            "{}",
            weak.detail
        );
        assert_eq!(person_name("  Ann  ").unwrap(), "Ann");
        assert!(person_name(" ").is_err());
        assert!(person_name(&"x".repeat(201)).is_err());
        assert!(person_name("a\u{0}b").is_err());
    }
}
