use super::redacted_path;

#[test]
fn manage_tokens_are_not_logged() {
    assert_eq!(
        redacted_path("/api/v1/bookings/manage/abcDEF123_-xyz/cancel"),
        "/api/v1/bookings/manage/<redacted>/cancel"
    );
    assert_eq!(
        redacted_path("/api/v1/bookings/manage/abcDEF123_-xyz"),
        "/api/v1/bookings/manage/<redacted>"
    );
}

#[test]
fn other_paths_are_logged_as_they_are() {
    for path in [
        "/",
        "/api/v1/customers",
        "/api/v1/bookings/manage",
        "/health",
    ] {
        assert_eq!(redacted_path(path), path);
    }
}
