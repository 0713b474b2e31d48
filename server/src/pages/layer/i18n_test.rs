use super::*;

/// The message ids of a catalog file: lines `id = ...` at the left margin.
fn ids_in(lang: &str) -> Vec<String> {
    let path = format!("{}/locales/{lang}/site.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[test]
fn every_language_has_every_english_message() {
    let english = ids_in("en");
    // Every argument any message takes.
    let args: HashMap<&str, FluentValue> = [
        "amount", "currency", "minutes", "service", "date", "time", "zone", "business", "start",
        "end", "deadline", "platform", "email", "name",
    ]
    .into_iter()
    .map(|k| (k, FluentValue::from("x")))
    .collect();
    assert!(english.len() > 20, "{english:?}");
    for lang in [Lang::Fr, Lang::Ar] {
        let missing: Vec<&String> = english
            .iter()
            .filter(|k| !has_own(lang, k, &args))
            .collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
    }
}

#[test]
fn arguments_reach_the_message() {
    let text = message_with(Lang::En, "book-zone", &[("zone", "Europe/Paris")]);
    assert!(text.contains("Europe/Paris"), "{text}");
}
