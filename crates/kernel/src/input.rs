//! Small pieces every capability uses to read request bodies.

use serde::{Deserialize, Deserializer};

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
    if text.chars().any(char::is_control) {
        return Err("must not contain control characters such as line breaks".into());
    }
    Ok(text.to_string())
}

/// Free text (line breaks allowed) of at most `max` characters; blank is None.
pub fn optional_long_text(raw: Option<&str>, max: usize) -> Result<Option<String>, String> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let chars = text.chars().count();
    if chars > max {
        return Err(format!("is {chars} characters; at most {max} are allowed"));
    }
    Ok(Some(text.to_string()))
}
