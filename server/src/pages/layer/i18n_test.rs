use super::*;

/// The text of every catalog file of a language.
fn catalog_text(lang: &str) -> String {
    let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The message ids of a language: lines `id = ...` at the left margin.
fn ids_in(lang: &str) -> Vec<String> {
    catalog_text(lang)
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// Every argument (`{ $name }`) the English messages take.
fn arguments() -> Vec<String> {
    let text = catalog_text("en");
    let mut names: Vec<String> = text
        .split("$")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_language_has_every_english_message() {
    let english = ids_in("en");
    let names = arguments();
    let args: HashMap<&str, FluentValue> = names
        .iter()
        .map(|k| (k.as_str(), FluentValue::from("x")))
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

/// The catalogs load as one bundle per language, which refuses (at the
/// first page) a message defined twice, perhaps in two files.
#[test]
fn no_message_is_defined_twice() {
    for lang in ["en", "fr", "ar"] {
        let mut ids = ids_in(lang);
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all, "{lang}: a message id appears twice");
        // And the bundle loads.
        assert!(!message(Lang::En, "skip-to-content").is_empty());
    }
}

#[test]
fn arguments_reach_the_message() {
    let text = message_with(Lang::En, "book-zone", &[("zone", "Europe/Paris")]);
    assert!(text.contains("Europe/Paris"), "{text}");
}
