//! Unit tests of ics.rs.

use super::*;

fn invite(method: Method, sequence: i32) -> String {
    render(&Invite {
        booking_id: Uuid::from_u128(7),
        site: "acme.example.com:8080",
        sequence,
        method,
        summary: "Haircut with Sam",
        description: "See you soon",
        start: DateTime::parse_from_rfc3339("2027-06-01T07:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
        end: DateTime::parse_from_rfc3339("2027-06-01T07:30:00Z")
            .unwrap()
            .with_timezone(&Utc),
    })
}

#[test]
fn request_then_cancel_share_the_uid() {
    let first = invite(Method::Request, 0);
    let cancel = invite(Method::Cancel, 2);
    let uid = "UID:booking-00000000-0000-0000-0000-000000000007@acme.example.com";
    assert!(first.contains(uid), "{first}");
    assert!(cancel.contains(uid), "{cancel}");
    assert!(first.contains("METHOD:REQUEST"));
    assert!(first.contains("SEQUENCE:0"));
    assert!(first.contains("DTSTART:20270601T070000Z"), "{first}");
    assert!(cancel.contains("METHOD:CANCEL"));
    assert!(cancel.contains("SEQUENCE:2"));
    assert!(cancel.contains("STATUS:CANCELLED"));
}
