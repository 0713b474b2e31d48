use super::*;

#[test]
fn codes_are_six_digits() {
    for _ in 0..200 {
        let code = generate();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
    }
}

#[test]
fn the_digest_binds_the_number_and_the_secret() {
    let base = digest("secret", "+33612345678", "123456");
    assert_eq!(base, digest("secret", "+33612345678", "123456"));
    assert_ne!(base, digest("secret", "+33612345679", "123456"));
    assert_ne!(base, digest("other", "+33612345678", "123456"));
    assert_ne!(base, digest("secret", "+33612345678", "123457"));
}

#[test]
fn comparison_needs_equal_bytes() {
    assert!(constant_time_eq(b"abc", b"abc"));
    assert!(!constant_time_eq(b"abc", b"abd"));
    assert!(!constant_time_eq(b"abc", b"ab"));
}
