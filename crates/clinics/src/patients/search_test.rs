use super::*;

fn query(q: Option<&str>, cursor: Option<String>) -> ListQuery {
    ListQuery {
        q: q.map(String::from),
        group: None,
        favourite: None,
        archived: None,
        limit: None,
        cursor,
    }
}

#[test]
fn the_shape_of_q_picks_the_search() {
    assert_eq!(search_of("pat0001"), Search::Code("PAT0001".into()));
    assert_eq!(search_of("PAT"), Search::Code("PAT".into()));
    assert_eq!(
        search_of("+44 (20) 7946-0958"),
        Search::Phone("442079460958".into())
    );
    assert_eq!(
        search_of("Jonathon Smiht"),
        Search::Name("jonathon smiht".into())
    );
    assert_eq!(search_of("Patrick"), Search::Name("patrick".into()));
    assert_eq!(search_of("++"), Search::Name("++".into()));
}

#[test]
fn a_cursor_pages_only_the_search_it_came_from() {
    let id = Uuid::new_v4();
    let score = Cursor::Score { s: 0.5, id }.encode();
    let filter = ListFilter::parse(query(Some("smith"), Some(score.clone()))).unwrap();
    assert_eq!(filter.after, Some(Cursor::Score { s: 0.5, id }));
    assert!(matches!(
        ListFilter::parse(query(None, Some(score))),
        Err(PatientError::InvalidCursor)
    ));
    let name = Cursor::Name {
        n: "ada".into(),
        id,
    }
    .encode();
    assert!(ListFilter::parse(query(None, Some(name.clone()))).is_ok());
    assert!(ListFilter::parse(query(Some("0612"), Some(name))).is_ok());
}

#[test]
fn forged_or_junk_cursors_are_refused() {
    let id = Uuid::new_v4();
    for bad in [
        "!!".to_string(),
        URL_SAFE_NO_PAD.encode(b"{}"),
        Cursor::Score { s: 7.0, id }.encode(),
        Cursor::Name {
            n: "a\0".into(),
            id,
        }
        .encode(),
        Cursor::Code { c: "PAT%".into() }.encode(),
    ] {
        let q = if bad.contains('!') {
            None
        } else {
            Some("pat1")
        };
        let parsed = ListFilter::parse(query(q, Some(bad.clone())));
        assert!(matches!(parsed, Err(PatientError::InvalidCursor)), "{bad}");
    }
}

#[test]
fn limits_and_query_text_are_checked() {
    let mut q = query(None, None);
    q.limit = Some(101);
    assert!(matches!(
        ListFilter::parse(q),
        Err(PatientError::InvalidLimit(101))
    ));
    assert!(matches!(
        ListFilter::parse(query(Some("a\0"), None)),
        Err(PatientError::InvalidQuery { param: "q", .. })
    ));
    assert_eq!(ListFilter::parse(query(None, None)).unwrap().limit, 20);
}
