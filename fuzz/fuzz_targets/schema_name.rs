//! kernel::values::SchemaName::parse on any string.
//!
//! An accepted name is spliced into SQL as an identifier (SET search_path,
//! CREATE SCHEMA): it must be a plain `t_` name Postgres keeps whole (at most
//! 63 bytes), and quoting it must add nothing but the two quotes.

#![no_main]

use kernel::values::SchemaName;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(name) = SchemaName::parse(raw) else {
        return;
    };

    let s = name.as_str();
    assert_eq!(s, raw);
    assert!(s.len() > 2 && s.len() <= 63, "{s:?}");
    assert!(s.starts_with("t_"), "{s:?}");
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "{s:?}"
    );
    assert_eq!(name.quoted(), format!("\"{s}\""));
    assert_eq!(SchemaName::parse(s).ok(), Some(name.clone()));
    assert_eq!(name.to_string(), s);
});
