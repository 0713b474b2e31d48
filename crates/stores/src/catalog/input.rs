//! Checks the catalog's request bodies share: names and descriptions,
//! translations, prices, media links, and the collector that gathers every
//! field's problem into one answer.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::CatalogError;
use super::locale::{locale_key, unknown_locale, Locale};
use kernel::error::FieldError;
use kernel::input::{optional_long_text, required_text};
use kernel::values::Currency;

/// The highest price: ten billion in major units, far above any shop's
/// price, far below what sums of many lines could overflow.
pub const MAX_PRICE_CENTS: i64 = 1_000_000_000_000;
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
pub const MAX_MEDIA: usize = 20;
pub const MAX_MEDIA_URL_CHARS: usize = branding::MAX_LOGO_URL_CHARS;
/// Positions order siblings; any sensible list fits.
pub const MAX_POSITION: i64 = 1_000_000;

/// Collects every field's problem, so one answer lists all that is wrong.
#[derive(Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    /// The value, or None with the field's problem noted.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| self.push(field, message)).ok()
    }

    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub fn cannot_be_null(&mut self, field: &str) {
        self.push(
            field,
            "cannot be null; leave the field out to keep its value",
        );
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_errors(self) -> Vec<FieldError> {
        self.0
    }

    pub fn into_error(self) -> CatalogError {
        CatalogError::Validation(self.0)
    }

    pub fn finish<T>(self, value: T) -> Result<T, CatalogError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error())
        }
    }
}

/// A one-line name: trimmed, 1..=max characters, no control characters.
pub fn one_line(raw: &str, max: usize) -> Result<String, String> {
    required_text(raw, max)
}

/// Free text (line breaks allowed); blank is none.
pub fn long_text(raw: Option<&str>) -> Result<Option<String>, String> {
    optional_long_text(raw, MAX_DESCRIPTION_CHARS)
}

/// A price in cents: 0..=MAX_PRICE_CENTS.
pub fn price(cents: i64) -> Result<i64, String> {
    if (0..=MAX_PRICE_CENTS).contains(&cents) {
        Ok(cents)
    } else {
        Err(format!(
            "must be between 0 and {MAX_PRICE_CENTS} cents; it was {cents}"
        ))
    }
}

pub fn currency(raw: &str) -> Result<Currency, String> {
    Currency::parse(raw)
}

/// A sibling order: 0..=MAX_POSITION.
pub fn position(raw: i64) -> Result<i32, String> {
    i32::try_from(raw)
        .ok()
        .filter(|p| (0..=MAX_POSITION).contains(&i64::from(*p)))
        .ok_or_else(|| format!("must be between 0 and {MAX_POSITION}"))
}

/// `{locale: name}`: each key a platform locale, each name one line of
/// 1..=max characters. Problems are reported as `<field>.<locale>`.
pub(crate) fn names(
    p: &mut Problems,
    field: &str,
    raw: &BTreeMap<String, String>,
    max: usize,
) -> BTreeMap<Locale, String> {
    let mut names = BTreeMap::new();
    for (key, value) in raw {
        let Some(locale) = locale_key(key) else {
            p.push(&format!("{field}.{}", printable(key)), unknown_locale(key));
            continue;
        };
        if let Some(name) = p.check(&format!("{field}.{key}"), one_line(value, max)) {
            names.insert(locale, name);
        }
    }
    names
}

/// A product's name and description in one language.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ProductTranslation)]
pub struct TranslationBody {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
}

/// `{locale: {name, description?}}`, as stored.
pub(crate) fn product_translations(
    p: &mut Problems,
    raw: &BTreeMap<String, TranslationBody>,
    max_name: usize,
) -> Value {
    let mut out = Map::new();
    for (key, body) in raw {
        if locale_key(key).is_none() {
            p.push(
                &format!("translations.{}", printable(key)),
                unknown_locale(key),
            );
            continue;
        }
        let name = p.check(
            &format!("translations.{key}.name"),
            one_line(&body.name, max_name),
        );
        let description = p.check(
            &format!("translations.{key}.description"),
            long_text(body.description.as_deref()),
        );
        if let (Some(name), Some(description)) = (name, description) {
            let mut entry = Map::new();
            entry.insert("name".into(), Value::String(name));
            if let Some(d) = description {
                entry.insert("description".into(), Value::String(d));
            }
            out.insert(key.clone(), Value::Object(entry));
        }
    }
    Value::Object(out)
}

/// Image or video links: https only, at most MAX_MEDIA, without
/// duplicates. The server never fetches them; pages show them as links and
/// `src`, so they get the checks of the site's logo address.
pub(crate) fn media(p: &mut Problems, field: &str, raw: &[String]) -> Vec<String> {
    if raw.len() > MAX_MEDIA {
        p.push(
            field,
            format!("has {} links; at most {MAX_MEDIA} are allowed", raw.len()),
        );
        return Vec::new();
    }
    let mut links: Vec<String> = Vec::with_capacity(raw.len());
    for (i, url) in raw.iter().enumerate() {
        if let Some(url) = p.check(
            &format!("{field}[{i}]"),
            branding::LogoUrl::parse(url).map(|u| u.as_str().to_string()),
        ) {
            if !links.contains(&url) {
                links.push(url);
            }
        }
    }
    links
}

/// A key as it can appear in a field name of an answer: a hostile key
/// (huge, control characters) is cut and cleaned.
pub(crate) fn printable(key: &str) -> String {
    key.chars().filter(|c| !c.is_control()).take(40).collect()
}

#[cfg(test)]
#[path = "input_test.rs"]
mod tests;
