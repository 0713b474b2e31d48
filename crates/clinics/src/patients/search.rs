//! The list endpoint's query string, checked, and its page cursor.
//!
//! What `q` is decides how the list is searched and ordered:
//! - `PAT` and digits (any case): by code, exact or prefix, in code order;
//! - digits with the marks people type in numbers (`+`, spaces, dashes,
//!   dots, brackets): by phone, the digits anywhere in the stored E.164
//!   number, in name order;
//! - anything else: by name, tolerating typos (trigram similarity on the
//!   lower-cased name, through its GIN index), most similar first;
//! - nothing: every patient, in name order.
//!
//! The cursor is the last row's position in that order, tagged with the
//! kind of search, so a cursor from one search cannot page another.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::PatientError;
use super::fields::MAX_GROUP_CHARS;

pub const DEFAULT_LIMIT: i64 = 20;
/// Asking for more is refused rather than clamped.
pub const MAX_LIMIT: i64 = 100;
pub const MAX_QUERY_CHARS: usize = 200;
/// Longest cursor accepted: a name cursor holds up to 200 characters.
const MAX_CURSOR_CHARS: usize = 2048;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A name (typos tolerated), a code (`PAT000123` or its start) or a
    /// phone number (its digits).
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only patients of this group.
    #[param(max_length = 80)]
    pub group: Option<String>,
    /// `true`: only favourites.
    pub favourite: Option<bool>,
    /// `true`: only archived patients; otherwise only those not archived.
    pub archived: Option<bool>,
    /// Page size, 20 when left out.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, as it was given.
    pub cursor: Option<String>,
}

/// How the list is searched (and so ordered).
#[derive(Debug, Clone, PartialEq)]
pub enum Search {
    All,
    /// Upper-case code prefix, such as `PAT0001`.
    Code(String),
    /// Digits to find in the phone number.
    Phone(String),
    /// The lower-cased name as typed.
    Name(String),
}

/// A position in the list's order: the last row a page showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "k")]
pub enum Cursor {
    /// Name order (all, phone search): lower(name), then id.
    #[serde(rename = "n")]
    Name { n: String, id: Uuid },
    /// Code order.
    #[serde(rename = "c")]
    Code { c: String },
    /// Similarity order (name search): score descending, then id.
    #[serde(rename = "s")]
    Score { s: f32, id: Uuid },
}

#[derive(Debug, Clone)]
pub struct ListFilter {
    pub search: Search,
    pub group: Option<String>,
    pub favourite_only: bool,
    pub archived: bool,
    pub limit: i64,
    pub after: Option<Cursor>,
}

fn is_phone_mark(c: char) -> bool {
    matches!(c, ' ' | '+' | '-' | '(' | ')' | '.')
}

/// What kind of search `q` asks for.
pub fn search_of(q: &str) -> Search {
    let upper = q.to_ascii_uppercase();
    if let Some(digits) = upper.strip_prefix("PAT") {
        if digits.chars().all(|c| c.is_ascii_digit()) {
            return Search::Code(upper);
        }
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && q.chars().all(|c| c.is_ascii_digit() || is_phone_mark(c)) {
        return Search::Phone(digits);
    }
    Search::Name(q.to_lowercase())
}

/// Text for the database: trimmed, bounded, no NUL (PostgreSQL text
/// cannot hold it).
fn text_param(
    param: &'static str,
    raw: Option<String>,
    max: usize,
) -> Result<Option<String>, PatientError> {
    let Some(raw) = raw else { return Ok(None) };
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max {
        return Err(PatientError::InvalidQuery {
            param,
            problem: format!("is longer than {max} characters"),
        });
    }
    if text.contains('\0') {
        return Err(PatientError::InvalidQuery {
            param,
            problem: "must not contain NUL characters".into(),
        });
    }
    Ok(Some(text.to_string()))
}

impl Cursor {
    pub fn encode(&self) -> String {
        // Serialising these plain fields cannot fail; an empty cursor
        // would only start the list again.
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// A cursor for `search`: of its kind, and with values a row can hold
    /// (the cursor is no secret; a forged one only starts elsewhere).
    pub fn decode(raw: &str, search: &Search) -> Result<Self, PatientError> {
        let invalid = || PatientError::InvalidCursor;
        if raw.len() > MAX_CURSOR_CHARS {
            return Err(invalid());
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        let fits = match (&cursor, search) {
            (Cursor::Name { n, .. }, Search::All | Search::Phone(_)) => {
                !n.contains('\0') && n.chars().count() <= kernel::values::PersonName::MAX_CHARS
            }
            (Cursor::Code { c }, Search::Code(_)) => {
                c.len() <= 32 && c.chars().all(|c| c.is_ascii_alphanumeric())
            }
            (Cursor::Score { s, .. }, Search::Name(_)) => s.is_finite() && (0.0..=1.0).contains(s),
            _ => false,
        };
        if fits {
            Ok(cursor)
        } else {
            Err(invalid())
        }
    }
}

impl ListFilter {
    pub fn parse(query: ListQuery) -> Result<Self, PatientError> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(PatientError::InvalidLimit(limit));
        }
        let search =
            text_param("q", query.q, MAX_QUERY_CHARS)?.map_or(Search::All, |q| search_of(&q));
        let after = match query.cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(Cursor::decode(raw, &search)?),
        };
        Ok(ListFilter {
            search,
            group: text_param("group", query.group, MAX_GROUP_CHARS)?,
            favourite_only: query.favourite.unwrap_or(false),
            archived: query.archived.unwrap_or(false),
            limit,
            after,
        })
    }
}

#[cfg(test)]
#[path = "search_test.rs"]
mod tests;
