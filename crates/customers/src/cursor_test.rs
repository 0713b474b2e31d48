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

/// Found by the customer_cursor fuzz target: anyone can compute the
/// checksum, and a forged cursor with a time no row holds was accepted; one
/// before 4713 BC made the listing query fail in PostgreSQL.
#[test]
fn forged_cursor_with_an_impossible_time_is_refused() {
    fn forged(micros: i64) -> String {
        let mut bytes = vec![VERSION];
        bytes.extend_from_slice(&micros.to_be_bytes());
        bytes.extend_from_slice(Uuid::nil().as_bytes());
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum);
        URL_SAFE_NO_PAD.encode(bytes)
    }
    let new_year = |year: i32| {
        chrono::NaiveDate::from_ymd_opt(year, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_micros()
    };
    // The fuzzer's input (year 24804), then one PostgreSQL cannot store.
    for micros in [720_575_940_379_279_360, new_year(-5000), new_year(1969)] {
        assert!(DateTime::from_timestamp_micros(micros).is_some());
        assert!(
            matches!(
                Cursor::decode(&forged(micros)),
                Err(CustomerError::InvalidCursor)
            ),
            "{micros}"
        );
    }
    assert!(Cursor::decode(&forged(1_790_000_000_123_456)).is_ok());
}
