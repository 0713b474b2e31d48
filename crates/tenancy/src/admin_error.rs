//! Errors of operator actions, sorted by what the operator should do.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminErrorKind {
    /// The input is wrong (bad slug, bad domain, weak password): exit code 2.
    Invalid,
    /// The thing named does not exist.
    NotFound,
    /// It clashes with something that exists (a domain taken by another tenant).
    Conflict,
    /// Database or other failure.
    Failed,
}

#[derive(Debug, Clone)]
pub struct AdminError {
    pub kind: AdminErrorKind,
    pub message: String,
}

impl AdminError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            kind: AdminErrorKind::Invalid,
            message: message.into(),
        }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            kind: AdminErrorKind::NotFound,
            message: message.into(),
        }
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self {
            kind: AdminErrorKind::Conflict,
            message: message.into(),
        }
    }
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            kind: AdminErrorKind::Failed,
            message: message.into(),
        }
    }

    /// Process exit code for the CLI.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            AdminErrorKind::Invalid => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for AdminError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AdminError {}

impl From<diesel::result::Error> for AdminError {
    fn from(e: diesel::result::Error) -> Self {
        AdminError::failed(format!("database error: {e}"))
    }
}

impl From<diesel::ConnectionError> for AdminError {
    fn from(e: diesel::ConnectionError) -> Self {
        AdminError::failed(format!("cannot connect to the database: {e}"))
    }
}
