//! Unit tests of the value types.

use super::*;

#[test]
fn emails_are_lower_cased_and_checked() {
    assert_eq!(
        Email::parse(" Ada@Example.COM ").unwrap().as_str(),
        "ada@example.com"
    );
    assert!(Email::parse("not-an-email").is_err());
    assert!(Email::parse(&format!("{}@example.com", "a".repeat(250))).is_err());
    assert_eq!(Email::parse_optional("  ").unwrap(), None);
}

#[test]
fn names_are_trimmed_and_bounded() {
    assert_eq!(PersonName::parse("  Ada  ").unwrap().as_str(), "Ada");
    assert!(PersonName::parse("   ").is_err());
    assert!(PersonName::parse(&"x".repeat(201)).is_err());
    assert!(PersonName::parse(&"é".repeat(200)).is_ok());
    assert!(PersonName::parse("a\nb").is_err());
}

#[test]
fn phones_become_e164() {
    assert_eq!(
        Phone::parse(" +44 (20) 7946-0958 ").unwrap().as_str(),
        "+442079460958"
    );
    assert_eq!(
        Phone::parse("0033 6 12 34 56 78").unwrap().as_str(),
        "+33612345678"
    );
    assert_eq!(Phone::parse_optional("").unwrap(), None);
    for bad in [
        "call me",
        "+-()",
        "0123",
        "06 12 34 56 78",
        "+0 123 456 789",
        "+1 2",
        "1+2345678",
        &"1".repeat(33),
    ] {
        assert!(Phone::parse(bad).is_err(), "{bad} accepted");
    }
}

#[test]
fn currencies_and_prices() {
    assert_eq!(Currency::parse("eur").unwrap(), Currency::EUR);
    assert!(Currency::parse("EURO").is_err());
    assert!(Currency::parse("E1R").is_err());
    assert!(Money::price(-1, Currency::EUR).is_err());
    assert_eq!(Money::price(2500, Currency::EUR).unwrap().minor, 2500);
}
