//! Unit tests of cursor.rs.

use super::*;

fn sample() -> Cursor {
    Cursor {
        created_at: DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap(),
        id: Uuid::new_v4(),
    }
}

#[test]
fn round_trips() {
    let c = sample();
    assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
}

#[test]
fn any_edited_character_is_refused() {
    let encoded = sample().encode();
    for i in 0..encoded.len() {
        let mut chars: Vec<char> = encoded.chars().collect();
        chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
        let edited: String = chars.into_iter().collect();
        assert!(Cursor::decode(&edited).is_err(), "edit at {i} accepted");
    }
}

#[test]
fn garbage_and_truncation_are_refused() {
    let encoded = sample().encode();
    for raw in ["", "not a cursor", "%%%", &encoded[..encoded.len() - 2]] {
        let err = Cursor::decode(raw).unwrap_err();
        assert!(
            matches!(err, CustomerError::InvalidCursor),
            "{raw}: {err:?}"
        );
    }
}
