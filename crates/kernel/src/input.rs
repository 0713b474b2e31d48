//! Small pieces every capability uses to read request bodies.
//!
//! Two kinds of input pass JSON and serde but not the rest of the stack, so
//! they are refused here, with a message, before they go further:
//! - the NUL character (`\u0000`): PostgreSQL stores it in neither text
//!   nor jsonb, and the failed statement answered 500;
//! - dates far from any calendar (chrono reads years up to 262142 and
//!   down to -262143): a day of arithmetic on them overflows chrono (a
//!   panic), and PostgreSQL has no date before 4714 BC (a 500).

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// For `Option<Option<T>>` fields of partial updates: called only for keys
/// that are in the body, so a missing key stays `None` (from `default`) and a
/// present one, null or not, becomes `Some`.
pub fn present<'de, T, D>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

const NO_NUL: &str = "must not contain the NUL character (\\u0000)";

/// Whether a text has characters that never belong in a one-line field
/// (line breaks, tabs, NUL ...).
pub fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Trimmed text of 1..=max characters without control characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, String> {
    let text = raw.trim();
    let chars = text.chars().count();
    if chars == 0 {
        return Err("must not be empty".into());
    }
    if chars > max {
        return Err(format!("is {chars} characters; at most {max} are allowed"));
    }
    if text.contains('\0') {
        return Err(NO_NUL.into());
    }
    if has_control(text) {
        return Err("must not contain control characters such as line breaks".into());
    }
    Ok(text.to_string())
}

/// Free text (line breaks allowed, NUL not) of at most `max` characters;
/// blank is None.
pub fn optional_long_text(raw: Option<&str>, max: usize) -> Result<Option<String>, String> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let chars = text.chars().count();
    if chars > max {
        return Err(format!("is {chars} characters; at most {max} are allowed"));
    }
    if text.contains('\0') {
        return Err(NO_NUL.into());
    }
    Ok(Some(text.to_string()))
}

/// A JSON value to store as jsonb: no NUL in any string or key, however deep.
pub fn storable_json(value: &Value) -> Result<(), String> {
    if holds_nul(value) {
        Err(format!("{NO_NUL} in any text or key"))
    } else {
        Ok(())
    }
}

/// Recursion is bounded: serde_json refuses bodies nested over 128 deep.
fn holds_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(holds_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// The years a date or time from a client may fall in: wide enough for any
/// booking, record or absence, and far enough inside both chrono's and
/// PostgreSQL's ranges that arithmetic of days or years around them is safe.
pub const YEARS: RangeInclusive<i32> = 1970..=9999;

fn out_of_years(what: &str) -> String {
    format!(
        "must be a {what} between {}-01-01 and {}-12-31",
        YEARS.start(),
        YEARS.end()
    )
}

/// A calendar date within `YEARS`.
pub fn bounded_date(date: NaiveDate) -> Result<NaiveDate, String> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(out_of_years("date"))
    }
}

/// An instant whose UTC date is within `YEARS`.
pub fn bounded_instant(at: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    if YEARS.contains(&at.year()) {
        Ok(at)
    } else {
        Err(out_of_years("time"))
    }
}

#[cfg(test)]
#[path = "input_test.rs"]
mod tests;
