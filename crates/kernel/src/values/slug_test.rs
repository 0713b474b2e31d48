//! Unit tests of slug.rs.

use super::*;

#[test]
fn accepts_dns_labels() {
    for ok in ["acme", "a", "clinic-42", "x1-y2-z3", &"a".repeat(40)] {
        assert!(TenantSlug::parse(ok).is_ok(), "{ok} should be accepted");
    }
}

#[test]
fn refuses_bad_slugs() {
    for bad in [
        "",
        "Acme",
        "x\"; drop schema public; --",
        "-acme",
        "acme-",
        "ac_me",
        "ac.me",
        "www",
        "admin",
        "public",
        "pg-catalog",
        &"a".repeat(41),
        "café",
    ] {
        assert!(TenantSlug::parse(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn schema_name_is_derived_and_safe() {
    let slug = TenantSlug::parse("clinic-42").unwrap();
    assert_eq!(slug.schema_name().as_str(), "t_clinic_42");
    assert_eq!(slug.schema_name().quoted(), "\"t_clinic_42\"");
    assert!(SchemaName::parse("public").is_err());
    assert!(SchemaName::parse("t_x\"; drop").is_err());
}
