//! Unit tests of limits.rs.

use super::*;

fn body(email: &str, phone: Option<&str>) -> CreateBody {
    serde_json::from_value(serde_json::json!({
        "service_id": Uuid::nil(),
        "start": "2030-01-01T10:00:00Z",
        "customer": { "name": "Ann", "email": email, "phone": phone },
    }))
    .unwrap()
}

#[test]
fn one_64_is_one_client_and_contacts_are_normalised() {
    let t = Uuid::from_u128(1);
    let a = Booker::new(
        t,
        Some("2001:db8::1".parse().unwrap()),
        &body("Ann@X.test", Some("+33 6 12 34 56 78")),
        None,
    );
    let b = Booker::new(
        t,
        Some("2001:db8::ffff:2".parse().unwrap()),
        &body("ann@x.test", Some("+33612345678")),
        None,
    );
    assert_eq!(a, b);
    assert_eq!(a.contacts.len(), 2);
    assert!(a.contacts.iter().all(|k| !k.contains("x.test")));
}

#[test]
fn keys_name_their_tenant() {
    let ip = Some("203.0.113.9".parse().unwrap());
    let a = Booker::new(Uuid::from_u128(1), ip, &body("a@x.test", None), None);
    let b = Booker::new(Uuid::from_u128(2), ip, &body("a@x.test", None), None);
    assert_ne!(a.ip, b.ip);
    assert_ne!(a.contacts, b.contacts);
}
