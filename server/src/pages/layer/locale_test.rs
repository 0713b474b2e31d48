use super::*;

#[test]
fn accept_language_picks_the_heaviest_language_spoken() {
    assert_eq!(
        from_accept_language("de-DE,fr;q=0.8,en;q=0.5"),
        Some(Lang::Fr)
    );
    assert_eq!(from_accept_language("ar-EG"), Some(Lang::Ar));
    assert_eq!(from_accept_language("en;q=0.2, ar;q=0.9"), Some(Lang::Ar));
    assert_eq!(from_accept_language("fa"), Some(Lang::Fa));
    assert_eq!(
        from_accept_language("fa-IR,fa;q=0.9,en;q=0.5"),
        Some(Lang::Fa)
    );
    assert_eq!(from_accept_language("ar;q=0.5, fa;q=0.8"), Some(Lang::Fa));
    assert_eq!(from_accept_language("de, ja"), None);
    assert_eq!(from_accept_language("fr;q=0, en;q=0.1"), Some(Lang::En));
    assert_eq!(from_accept_language(""), None);
}

#[test]
fn tags_are_read_by_their_primary_language() {
    assert_eq!(Lang::parse("FR-ca"), Some(Lang::Fr));
    assert_eq!(Lang::parse("ar_SA"), Some(Lang::Ar));
    assert_eq!(Lang::parse("english"), None);
    assert_eq!(Lang::Ar.dir(), "rtl");
    assert_eq!(Lang::Fr.dir(), "ltr");
    assert_eq!(Lang::parse("fa_IR"), Some(Lang::Fa));
    assert_eq!(Lang::parse("prs"), None);
    assert_eq!(Lang::Fa.dir(), "rtl");
}

#[test]
fn the_switcher_lists_every_language_once_in_its_order() {
    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(codes, ["en", "fr", "ar", "fa"]);
    for (i, lang) in Lang::ALL.into_iter().enumerate() {
        assert_eq!(lang.index(), i);
        assert_eq!(Lang::parse(lang.code()), Some(lang));
    }
}
