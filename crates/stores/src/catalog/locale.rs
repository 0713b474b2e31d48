//! The languages names and descriptions are translated into (the
//! platform's locales), how a read picks one, and how translations are
//! checked and shown.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

kernel::text_enum! {
    /// A language of the platform: the shop's names may be given in each.
    #[derive(PartialOrd, Ord)]
    pub enum Locale {
        En => "en",
        Fr => "fr",
        Ar => "ar",
        Fa => "fa",
    }
}

impl Locale {
    /// A BCP 47 tag such as `fa-IR` or `AR`: its primary language, when the
    /// platform speaks it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Locale::ALL
            .iter()
            .copied()
            .find(|l| l.as_str().eq_ignore_ascii_case(primary))
    }

    /// The language of an `Accept-Language` header the platform speaks,
    /// the one with the highest weight (the first of equal ones).
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        // A header is short; a hostile one is cut at a few dozen entries.
        for entry in header.split(',').take(32) {
            let mut parts = entry.split(';');
            let Some(locale) = parts.next().and_then(Locale::from_tag) else {
                continue;
            };
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((locale, weight));
            }
        }
        best.map(|(locale, _)| locale)
    }
}

/// Why a translation key is refused.
pub(crate) fn unknown_locale(key: &str) -> String {
    format!(
        "{key:?} is not a language of the platform; use one of {}",
        Locale::choices()
    )
}

/// The locale a translation key names, exactly as stored (lower case).
pub(crate) fn locale_key(key: &str) -> Option<Locale> {
    Locale::parse(key)
}

/// `{"fa": "...", "ar": "..."}` as stored: a name per locale.
pub(crate) fn names_json(names: &BTreeMap<Locale, String>) -> Value {
    Value::Object(
        names
            .iter()
            .map(|(locale, name)| (locale.as_str().to_string(), Value::String(name.clone())))
            .collect::<Map<String, Value>>(),
    )
}

/// The name in `lang` from `{locale: name}` translations, else `fallback`.
pub fn display_name(translations: &Value, lang: Option<Locale>, fallback: &str) -> String {
    lang.and_then(|l| translations.get(l.as_str()))
        .and_then(Value::as_str)
        .unwrap_or(fallback)
        .to_string()
}

/// A member (`name`, `description`) of `{locale: {name, description}}`
/// translations in `lang`, when there is one.
pub fn translated_member<'a>(
    translations: &'a Value,
    lang: Option<Locale>,
    member: &str,
) -> Option<&'a str> {
    lang.and_then(|l| translations.get(l.as_str()))
        .and_then(|t| t.get(member))
        .and_then(Value::as_str)
}

#[cfg(test)]
#[path = "locale_test.rs"]
mod tests;
