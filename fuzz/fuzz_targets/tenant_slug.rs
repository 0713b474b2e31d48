//! kernel::values::TenantSlug::parse on any string.
//!
//! A slug becomes a subdomain label and, through schema_name, an SQL
//! identifier: an accepted slug must be a DNS label, and its schema name must
//! pass SchemaName's own check and name no other slug's schema.

#![no_main]

use kernel::values::{SchemaName, TenantSlug, MAX_SLUG_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(slug) = TenantSlug::parse(raw) else {
        return;
    };

    let s = slug.as_str();
    assert_eq!(s, raw, "a slug is taken as typed, never folded");
    assert!(!s.is_empty() && s.len() <= MAX_SLUG_LEN, "{s:?}");
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{s:?}"
    );
    assert!(!s.starts_with('-') && !s.ends_with('-'), "{s:?}");
    assert!(!s.starts_with("pg-"), "{s:?}");

    let schema = slug.schema_name();
    let reparsed = SchemaName::parse(schema.as_str())
        .unwrap_or_else(|e| panic!("slug {s:?} gave a schema name its own check refuses: {e}"));
    assert_eq!(reparsed, schema);
    // Hyphens become underscores and slugs hold no underscore, so the schema
    // name gives the slug back: two tenants never share a schema.
    let back = schema
        .as_str()
        .strip_prefix("t_")
        .map(|rest| rest.replace('_', "-"));
    assert_eq!(back.as_deref(), Some(s));
    assert_eq!(slug.to_string(), s);
});
