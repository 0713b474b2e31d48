//! The list endpoint's query string, checked: page size, search text, tag
//! and cursor.

use serde::Deserialize;

use super::cursor::Cursor;
use super::error::CustomerError;
use super::model::MAX_TAG_CHARS;

pub const DEFAULT_LIMIT: i64 = 20;
/// Asking for more is refused rather than clamped, so a client never
/// mistakes a short page for the end of the list.
pub const MAX_LIMIT: i64 = 100;
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Text searched in name, email and phone.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only customers with this tag.
    #[param(max_length = 40)]
    pub tag: Option<String>,
    /// Page size, 20 when left out.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, as it was given.
    pub cursor: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ListFilter {
    /// An ILIKE pattern matching the search text anywhere, wildcards escaped.
    pub pattern: Option<String>,
    /// Phones are stored in E.164 (digits only): a search typed like a
    /// phone number ("161 555") matches them by its digits.
    pub phone_pattern: Option<String>,
    pub tag: Option<String>,
    pub limit: i64,
    pub after: Option<Cursor>,
}

/// `%` and `_` in the user's text are literal characters, not wildcards.
/// Backslash is PostgreSQL's default LIKE escape character.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Text for the database: PostgreSQL cannot hold NUL in text, so it is
/// refused here rather than failing in the query.
fn text_param(
    param: &'static str,
    raw: Option<String>,
    max: usize,
) -> Result<Option<String>, CustomerError> {
    let Some(raw) = raw else { return Ok(None) };
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max {
        return Err(CustomerError::InvalidQuery {
            param,
            problem: format!("is longer than {max} characters"),
        });
    }
    if text.contains('\0') {
        return Err(CustomerError::InvalidQuery {
            param,
            problem: "must not contain NUL characters".into(),
        });
    }
    Ok(Some(text.to_string()))
}

/// The digits of a search that looks like (part of) a phone number.
fn phone_digits(q: &str) -> Option<String> {
    let phone_like = q
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    (phone_like && !digits.is_empty()).then_some(digits)
}

impl ListFilter {
    pub fn parse(query: ListQuery) -> Result<Self, CustomerError> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(CustomerError::InvalidLimit(limit));
        }
        let after = match query.cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(Cursor::decode(raw)?),
        };
        let q = text_param("q", query.q, MAX_QUERY_CHARS)?;
        Ok(ListFilter {
            phone_pattern: q
                .as_deref()
                .and_then(phone_digits)
                .map(|d| contains_pattern(&d)),
            pattern: q.map(|q| contains_pattern(&q)),
            tag: text_param("tag", query.tag, MAX_TAG_CHARS)?,
            limit,
            after,
        })
    }
}

#[cfg(test)]
#[path = "listing_test.rs"]
mod tests;
