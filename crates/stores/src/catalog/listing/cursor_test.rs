use chrono::TimeZone;

use super::*;

fn round_trip(key: Key, sort: ProductSort) {
    let cursor = Cursor {
        key,
        id: Uuid::new_v4(),
    };
    let raw = cursor.encode(sort);
    assert_eq!(Cursor::decode(&raw, sort).unwrap(), cursor);
}

#[test]
fn every_sort_round_trips() {
    let at =
        Utc.with_ymd_and_hms(2026, 12, 3, 10, 4, 51).unwrap() + chrono::Duration::microseconds(7);
    round_trip(Key::CreatedAt(at), ProductSort::Newest);
    round_trip(Key::Price(1999), ProductSort::PriceAsc);
    round_trip(Key::Price(0), ProductSort::PriceDesc);
    round_trip(Key::Sold(42), ProductSort::Popular);
    round_trip(Key::Rank(0.6079271), ProductSort::Relevance);
}

#[test]
fn a_cursor_of_another_sort_is_refused() {
    let raw = Cursor {
        key: Key::Price(100),
        id: Uuid::new_v4(),
    }
    .encode(ProductSort::PriceAsc);
    assert!(matches!(
        Cursor::decode(&raw, ProductSort::PriceDesc),
        Err(CatalogError::InvalidCursor)
    ));
}

#[test]
fn edited_truncated_and_junk_cursors_are_refused() {
    let raw = Cursor {
        key: Key::Sold(3),
        id: Uuid::new_v4(),
    }
    .encode(ProductSort::Popular);
    let mut bytes = URL_SAFE_NO_PAD.decode(&raw).unwrap();
    bytes[5] ^= 1;
    let edited = URL_SAFE_NO_PAD.encode(&bytes);
    for junk in [
        edited.as_str(),
        &raw[..raw.len() - 2],
        "",
        "not a cursor",
        "AAAA",
        &"A".repeat(5000),
    ] {
        assert!(
            matches!(
                Cursor::decode(junk, ProductSort::Popular),
                Err(CatalogError::InvalidCursor)
            ),
            "{junk}"
        );
    }
}

/// A forged cursor with a valid checksum but a key no row can have.
#[test]
fn forged_keys_out_of_range_are_refused() {
    let forge = |sort: u8, key: i64| {
        let mut bytes = vec![VERSION, sort];
        bytes.extend_from_slice(&key.to_be_bytes());
        bytes.extend_from_slice(Uuid::new_v4().as_bytes());
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum);
        URL_SAFE_NO_PAD.encode(bytes)
    };
    assert!(Cursor::decode(&forge(1, i64::MIN), ProductSort::Newest).is_err());
    assert!(Cursor::decode(&forge(2, -1), ProductSort::PriceAsc).is_err());
    assert!(Cursor::decode(&forge(4, -5), ProductSort::Popular).is_err());
    let nan = i64::from(f32::NAN.to_bits());
    assert!(Cursor::decode(&forge(5, nan), ProductSort::Relevance).is_err());
    assert!(Cursor::decode(&forge(5, -1), ProductSort::Relevance).is_err());
}
