use super::*;

/// The catalog files of a language, by name.
fn catalog_files(lang: &str) -> Vec<std::path::PathBuf> {
    let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    files
}

/// The text of every catalog file of a language.
fn catalog_text(lang: &str) -> String {
    catalog_files(lang)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The messages of a language, id and text: lines `id = ...` at the left
/// margin (no message of the catalogs runs over several lines).
fn messages_in(lang: &str) -> Vec<(String, String)> {
    catalog_text(lang)
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| {
            l.split_once(" =")
                .map(|(id, text)| (id.trim().to_string(), text.trim().to_string()))
        })
        .collect()
}

/// The message ids of a language.
fn ids_in(lang: &str) -> Vec<String> {
    messages_in(lang).into_iter().map(|(id, _)| id).collect()
}

/// The names of the arguments (`{ $name }`) in a text, sorted, once each.
fn names_in(text: &str) -> Vec<String> {
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

/// Every argument the English messages take.
fn arguments() -> Vec<String> {
    names_in(&catalog_text("en"))
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
    for lang in Lang::ALL {
        let missing: Vec<&String> = english
            .iter()
            .filter(|k| !has_own(lang, k, &args))
            .collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
    }
}

/// A message English lacks would never be asked for: a misspelt id.
#[test]
fn no_language_has_a_message_english_lacks() {
    let english = ids_in("en");
    for lang in Lang::ALL {
        let extra: Vec<String> = ids_in(lang.code())
            .into_iter()
            .filter(|id| !english.contains(id))
            .collect();
        assert!(
            extra.is_empty(),
            "{}: not in English {extra:?}",
            lang.code()
        );
    }
}

/// A translation shows what the English message shows: an argument left
/// out is information lost, and one misspelt shows as an error.
#[test]
fn every_translation_takes_the_english_arguments() {
    let english: HashMap<String, String> = messages_in("en").into_iter().collect();
    for lang in Lang::ALL {
        for (id, text) in messages_in(lang.code()) {
            let wanted = english.get(&id).map(|t| names_in(t)).unwrap_or_default();
            assert_eq!(names_in(&text), wanted, "{}: {id}", lang.code());
        }
    }
}

/// Each language has a folder of catalogs with the English file names (so
/// a message lives in the same file in every language), and every folder
/// is a language the sites speak.
#[test]
fn every_language_mirrors_the_english_files() {
    let names = |lang: &str| -> Vec<String> {
        catalog_files(lang)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let english = names("en");
    for lang in Lang::ALL {
        assert_eq!(names(lang.code()), english, "{}", lang.code());
    }
    let root = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
    for dir in std::fs::read_dir(root).unwrap() {
        let name = dir.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            Lang::parse(&name).is_some(),
            "locales/{name} is no language"
        );
    }
}

/// The catalogs load as one bundle per language, which refuses (at the
/// first page) a message defined twice, perhaps in two files.
#[test]
fn no_message_is_defined_twice() {
    for lang in Lang::ALL {
        let mut ids = ids_in(lang.code());
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            all,
            "{}: a message id appears twice",
            lang.code()
        );
        // And the bundle loads.
        assert!(!message(lang, "skip-to-content").is_empty());
    }
}

/// Persian is written with its own yeh and kaf (ی ک), not the Arabic ones
/// (ي ك) that look alike but search and sort apart, and with Persian
/// digits, not Arabic-Indic ones.
#[test]
fn persian_is_written_with_persian_letters() {
    for (id, text) in messages_in("fa") {
        if id == "lang-name-ar" {
            continue;
        }
        let arabic = text
            .chars()
            .find(|c| matches!(c, '\u{064A}' | '\u{0643}' | '\u{0660}'..='\u{0669}'));
        assert_eq!(arabic, None, "fa: {id}: {text}");
    }
    assert_eq!(message(Lang::Fa, "admin-nav-services"), "خدمات");
    assert!(message(Lang::Fa, "account-forgot").ends_with('؟'));
}

#[test]
fn arguments_reach_the_message() {
    let text = message_with(Lang::En, "book-zone", &[("zone", "Europe/Paris")]);
    assert!(text.contains("Europe/Paris"), "{text}");
}
