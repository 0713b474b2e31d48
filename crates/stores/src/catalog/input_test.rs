use super::*;

#[test]
fn prices_stay_within_bounds() {
    assert_eq!(price(0), Ok(0));
    assert_eq!(price(MAX_PRICE_CENTS), Ok(MAX_PRICE_CENTS));
    assert!(price(-1).is_err());
    assert!(price(MAX_PRICE_CENTS + 1).is_err());
    assert!(price(i64::MAX).is_err());
}

#[test]
fn positions_fit_the_column() {
    assert_eq!(position(3), Ok(3));
    assert!(position(-1).is_err());
    assert!(position(i64::from(i32::MAX) + 1).is_err());
}

#[test]
fn names_in_unknown_languages_and_bad_names_are_each_reported() {
    let mut p = Problems::default();
    let raw = BTreeMap::from([
        ("fa".to_string(), " پیراهن ".to_string()),
        ("de".to_string(), "Hemd".to_string()),
        ("ar".to_string(), "a\u{0}b".to_string()),
    ]);
    let names = names(&mut p, "translations", &raw, 120);
    assert_eq!(names.get(&Locale::Fa).map(String::as_str), Some("پیراهن"));
    let fields: Vec<String> = p.into_errors().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["translations.ar", "translations.de"]);
}

#[test]
fn product_translations_keep_name_and_description() {
    let mut p = Problems::default();
    let raw = BTreeMap::from([(
        "fr".to_string(),
        TranslationBody {
            name: "Chemise".into(),
            description: Some("En coton".into()),
        },
    )]);
    let value = product_translations(&mut p, &raw, 200);
    assert!(p.is_empty());
    assert_eq!(value["fr"]["name"], "Chemise");
    assert_eq!(value["fr"]["description"], "En coton");
}

#[test]
fn media_links_are_https_bounded_and_deduplicated() {
    let mut p = Problems::default();
    let links = media(
        &mut p,
        "images",
        &[
            "https://cdn.example.com/a.jpg".into(),
            "https://cdn.example.com/a.jpg".into(),
        ],
    );
    assert!(p.is_empty());
    assert_eq!(links.len(), 1);
    for bad in [
        "http://cdn.example.com/a.jpg",
        "javascript:alert(1)",
        "https://exa mple.com/x",
        "https://\"onerror=x.example/",
    ] {
        let mut p = Problems::default();
        media(&mut p, "images", &[bad.to_string()]);
        assert_eq!(p.into_errors()[0].field, "images[0]", "{bad}");
    }
    let long = format!("https://example.com/{}", "a".repeat(MAX_MEDIA_URL_CHARS));
    let mut p = Problems::default();
    media(&mut p, "videos", &[long]);
    assert!(!p.is_empty());
    let mut p = Problems::default();
    let many: Vec<String> = (0..=MAX_MEDIA)
        .map(|i| format!("https://example.com/{i}.png"))
        .collect();
    media(&mut p, "images", &many);
    assert_eq!(p.into_errors()[0].field, "images");
}

#[test]
fn printable_keys_are_cut_and_cleaned() {
    assert_eq!(printable("a\u{0}b\nc"), "abc");
    assert_eq!(printable(&"x".repeat(1000)).len(), 40);
}
