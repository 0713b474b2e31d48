use super::*;

#[test]
fn a_cursor_reads_back_as_written() {
    let at = Position { txid: 812, id: 40 };
    assert_eq!(Position::parse(Some(&at.encode())).unwrap(), at);
}

#[test]
fn no_cursor_is_the_start_of_the_feed() {
    assert_eq!(Position::parse(None).unwrap(), Position { txid: 0, id: 0 });
    assert_eq!(
        Position::parse(Some("")).unwrap(),
        Position { txid: 0, id: 0 }
    );
}

#[test]
fn a_cursor_not_handed_out_is_refused() {
    for raw in [
        "abc",
        "12",
        "-1-3",
        "1-x",
        "1-2-3",
        "99999999999999999999999-1",
        "1-\0",
    ] {
        assert!(
            matches!(Position::parse(Some(raw)), Err(SyncError::InvalidCursor)),
            "{raw}"
        );
    }
}
