use super::*;

const SECRET: &str = "whsec_test";
const BODY: &[u8] = br#"{"id":"evt_1"}"#;

#[test]
fn its_own_signature_verifies() {
    let header = sign(SECRET, 1_000, BODY);
    assert!(verify(SECRET, &header, BODY, 1_000));
}

#[test]
fn another_body_secret_or_time_fails() {
    let header = sign(SECRET, 1_000, BODY);
    assert!(!verify(SECRET, &header, br#"{"id":"evt_2"}"#, 1_000));
    assert!(!verify("other", &header, BODY, 1_000));
    let moved = header.replace("t=1000", "t=1001");
    assert!(!verify(SECRET, &moved, BODY, 1_000));
}

#[test]
fn the_tolerance_holds_both_ways() {
    let header = sign(SECRET, 1_000, BODY);
    assert!(verify(SECRET, &header, BODY, 1_000 + TOLERANCE_SECS));
    assert!(verify(SECRET, &header, BODY, 1_000 - TOLERANCE_SECS));
    assert!(!verify(SECRET, &header, BODY, 1_000 + TOLERANCE_SECS + 1));
    assert!(!verify(SECRET, &header, BODY, 1_000 - TOLERANCE_SECS - 1));
}

#[test]
fn any_of_several_signatures_may_match() {
    let good = sign(SECRET, 1_000, BODY);
    let v1 = good.split_once(",v1=").unwrap().1;
    let header = format!("t=1000,v1={},v1={v1},v0=zz", "ab".repeat(32));
    assert!(verify(SECRET, &header, BODY, 1_000));
}

#[test]
fn malformed_headers_fail() {
    for header in [
        "",
        "t=abc,v1=00",
        "v1=00",
        "t=1000",
        "t=1000,v1=not-hex",
        "garbage",
    ] {
        assert!(!verify(SECRET, header, BODY, 1_000), "{header}");
    }
}
