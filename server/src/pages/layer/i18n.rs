//! The sites' messages: Fluent catalogs in server/locales/<lang>/, compiled
//! into the binary. A missing message falls back to English, and a key
//! missing there too shows as the key (a test keeps the catalogs complete).

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, LanguageIdentifier, Loader};

use super::locale::Lang;

fluent_templates::static_loader! {
    static CATALOGS = {
        locales: "./locales",
        fallback_language: "en",
    };
}

static LANG_IDS: [LanguageIdentifier; 4] =
    [langid!("en"), langid!("fr"), langid!("ar"), langid!("fa")];

fn id(lang: Lang) -> &'static LanguageIdentifier {
    &LANG_IDS[lang.index()]
}

pub fn message(lang: Lang, key: &str) -> String {
    CATALOGS.lookup(id(lang), key)
}

/// The message, or None when no catalog (not even English) has the key.
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    CATALOGS.try_lookup(id(lang), key)
}

/// A message with named arguments, each already formatted for the
/// language (numbers and dates come from `format`, not from Fluent).
pub fn message_with(lang: Lang, key: &str, args: &[(&'static str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
        .collect();
    CATALOGS.lookup_with_args(id(lang), key, &args)
}

/// Whether `lang`'s own catalog (not the English fallback) has the key;
/// `args` fill its placeables, which must all be given.
#[cfg(test)]
fn has_own(lang: Lang, key: &str, args: &HashMap<&str, FluentValue>) -> bool {
    CATALOGS
        .lookup_single_language(id(lang), key, Some(args))
        .is_ok()
}

#[cfg(test)]
#[path = "i18n_test.rs"]
mod tests;
