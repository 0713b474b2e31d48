//! Validated names: a tenant slug (a DNS label) and the schema name derived
//! from it. Both validate in their constructor, so holding one is proof.

use std::fmt;

/// Slugs that would clash with platform hosts or Postgres schemas.
const RESERVED: &[&str] = &[
    "www",
    "api",
    "admin",
    "app",
    "public",
    "mail",
    "smtp",
    "imap",
    "pop",
    "static",
    "assets",
    "cdn",
    "media",
    "files",
    "auth",
    "login",
    "dashboard",
    "status",
    "help",
    "support",
    "docs",
    "blog",
    "billing",
    "ftp",
    "ns1",
    "ns2",
    "mx",
    "root",
    "system",
    "internal",
    "test",
    "localhost",
    "pg",
    "postgres",
    "information-schema",
];

pub const MAX_SLUG_LEN: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantSlug(String);

impl TenantSlug {
    /// A slug is a lower-case DNS label: a-z, 0-9 and inner hyphens, at most 40
    /// characters, not a reserved name. Upper case is refused, not folded, so an
    /// operator never gets a tenant named other than what they typed.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.is_empty() {
            return Err("the slug is empty".into());
        }
        if raw.len() > MAX_SLUG_LEN {
            return Err(format!(
                "slug {raw:?} is {} characters; at most {MAX_SLUG_LEN} are allowed",
                raw.len()
            ));
        }
        if let Some(bad) = raw
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(format!(
                "slug {raw:?} contains {bad:?}; use only lower-case letters a-z, digits and hyphens"
            ));
        }
        if raw.starts_with('-') || raw.ends_with('-') {
            return Err(format!("slug {raw:?} must not start or end with a hyphen"));
        }
        if raw.starts_with("pg-") || RESERVED.contains(&raw) {
            return Err(format!("slug {raw:?} is reserved; choose another name"));
        }
        Ok(TenantSlug(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn schema_name(&self) -> SchemaName {
        SchemaName(format!("t_{}", self.0.replace('-', "_")))
    }
}

impl fmt::Display for TenantSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A tenant's Postgres schema: `t_` followed by a-z, 0-9 and `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchemaName(String);

impl SchemaName {
    /// Schema names come from the tenants table; they are checked again here
    /// because they are spliced into SQL as identifiers.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let ok = raw.len() > 2
            && raw.len() <= 63
            && raw.starts_with("t_")
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(SchemaName(raw.to_string()))
        } else {
            Err(format!("{raw:?} is not a valid tenant schema name"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as a quoted SQL identifier. Validation already excludes quotes;
    /// quoting anyway keeps the SQL correct whatever the name.
    pub fn quoted(&self) -> String {
        format!("\"{}\"", self.0.replace('"', "\"\""))
    }
}

impl fmt::Display for SchemaName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[path = "slug_test.rs"]
mod tests;
