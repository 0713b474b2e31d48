//! An email address: trimmed, lower-cased (addresses are unique
//! case-insensitively here), at most 254 characters, valid per RFC 5321.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.len() > 254 || !email_address::EmailAddress::is_valid(&email) {
            return Err(format!("{raw:?} is not a valid email address"));
        }
        Ok(Email(email))
    }

    /// Blank means "no email", so a form's empty field needs no special case.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, String> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        Self::parse(raw).map(Some)
    }

    /// For look-ups only (sign-in): whatever was typed, in the stored form,
    /// without refusing it (a refusal would tell which forms are stored).
    pub fn lookup_form(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The part before the @, as a default display name.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
