//! What a document is to its readers, and the checked title it is filed under.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use storage::FileKind;
use uuid::Uuid;

use super::schema::patient_documents;

/// Longest title kept (the table refuses longer ones).
pub const MAX_TITLE_CHARS: usize = 200;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = patient_documents, check_for_backend(diesel::pg::Pg))]
pub struct DocumentView {
    pub id: Uuid,
    pub patient_id: Uuid,
    pub title: String,
    /// Read from the file's content, whatever its name said.
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A document's title: 1 to 200 characters on one line. Given, or else the
/// uploaded file's name, or else "Document".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTitle(String);

impl DocumentTitle {
    pub fn parse(raw: &str) -> Result<Self, String> {
        kernel::input::required_text(raw, MAX_TITLE_CHARS).map(DocumentTitle)
    }

    /// The title a form gave, else the file's own name (cut to fit, and
    /// only if it makes a valid title), else "Document".
    pub fn from_form(title: Option<&str>, file_name: Option<&str>) -> Result<Self, String> {
        if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
            return Self::parse(title);
        }
        let from_name = file_name
            .map(|n| n.chars().take(MAX_TITLE_CHARS).collect::<String>())
            .and_then(|n| Self::parse(&n).ok());
        Ok(from_name.unwrap_or_else(|| DocumentTitle("Document".into())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The file name a download is offered under: the title's ASCII letters,
/// digits, `-` and `_` (anything else a `-`, at most 60), with the
/// extension of the kind the content is. No quote, slash or control
/// character can reach the header, and a `.exe` title still saves as
/// `.pdf` when it is one.
pub fn download_name(title: &str, kind: FileKind) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        };
        if !(c == '-' && (stem.is_empty() || stem.ends_with('-'))) {
            stem.push(c);
        }
        if stem.len() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
