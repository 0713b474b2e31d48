use serde_json::json;

use super::*;

#[test]
fn a_tag_names_its_primary_language() {
    assert_eq!(Locale::from_tag("fa-IR"), Some(Locale::Fa));
    assert_eq!(Locale::from_tag("AR"), Some(Locale::Ar));
    assert_eq!(Locale::from_tag(" fr_CA "), Some(Locale::Fr));
    assert_eq!(Locale::from_tag("de"), None);
    assert_eq!(Locale::from_tag(""), None);
}

#[test]
fn accept_language_takes_the_heaviest_known_language() {
    assert_eq!(
        Locale::from_accept_language("de-DE,de;q=0.9,ar;q=0.8,fa;q=0.7"),
        Some(Locale::Ar)
    );
    assert_eq!(
        Locale::from_accept_language("en;q=0.2, fa-IR"),
        Some(Locale::Fa)
    );
    assert_eq!(Locale::from_accept_language("fr;q=0"), None);
    assert_eq!(
        Locale::from_accept_language("fr;q=NaN, en;q=0.1"),
        Some(Locale::Fr)
    );
    assert_eq!(Locale::from_accept_language("*"), None);
}

#[test]
fn display_names_fall_back_to_the_name() {
    let t = json!({"fa": "پیراهن", "ar": "قميص"});
    assert_eq!(display_name(&t, Some(Locale::Fa), "Shirt"), "پیراهن");
    assert_eq!(display_name(&t, Some(Locale::Fr), "Shirt"), "Shirt");
    assert_eq!(display_name(&t, None, "Shirt"), "Shirt");
    let p = json!({"fr": {"name": "Chemise", "description": "En coton"}});
    assert_eq!(
        translated_member(&p, Some(Locale::Fr), "name"),
        Some("Chemise")
    );
    assert_eq!(
        translated_member(&p, Some(Locale::Fr), "description"),
        Some("En coton")
    );
    assert_eq!(translated_member(&p, Some(Locale::Ar), "name"), None);
}
