//! Unit tests of signing.rs.

use super::*;

#[test]
fn signs_the_timestamp_dot_body_with_hmac_sha256() {
    // The MAC covers exactly "<t>.<body>": compare with one computed over
    // the joined bytes.
    let mut expected = Hmac::<Sha256>::new_from_slice(b"whsec_k").unwrap();
    expected.update(b"1700000000.{\"a\":1}");
    let hex = hex::encode(expected.finalize().into_bytes());
    assert_eq!(
        sign("whsec_k", 1_700_000_000, "{\"a\":1}"),
        format!("t=1700000000,v1={hex}")
    );
}

#[test]
fn hmac_is_the_standard_one() {
    // RFC 4231 test case 2: the MAC under the signature is plain HMAC-SHA256.
    let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
    mac.update(b"what do ya want for nothing?");
    assert_eq!(
        hex::encode(mac.finalize().into_bytes()),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn a_fresh_untampered_signature_verifies() {
    let header = sign("s3cret", 1_000, "body");
    assert!(verify("s3cret", &header, "body", 1_000, 300));
    assert!(verify("s3cret", &header, "body", 1_299, 300));
}

#[test]
fn tampering_replay_and_a_wrong_secret_fail() {
    let header = sign("s3cret", 1_000, "body");
    assert!(
        !verify("s3cret", &header, "b0dy", 1_000, 300),
        "tampered body"
    );
    assert!(
        !verify("other", &header, "body", 1_000, 300),
        "wrong secret"
    );
    assert!(
        !verify("s3cret", &header, "body", 1_301, 300),
        "replayed late"
    );
    // Moving the time forward breaks the signature.
    let moved = header.replace("t=1000", "t=1300");
    assert!(!verify("s3cret", &moved, "body", 1_300, 300), "retimed");
    assert!(!verify("s3cret", "v1=00", "body", 1_000, 300), "no time");
    assert!(!verify("s3cret", "garbage", "body", 1_000, 300));
}
