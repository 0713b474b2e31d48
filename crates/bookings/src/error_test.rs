//! Unit tests of error.rs: the answers clients and tests match on.

use chrono::TimeZone;

use super::*;

fn answer(e: BookingError) -> AppError {
    AppError::from(e)
}

#[test]
fn slot_not_offered_is_a_field_error_with_its_own_code() {
    let start = Utc.with_ymd_and_hms(2027, 6, 1, 7, 0, 0).unwrap();
    let e = answer(BookingError::SlotNotOffered { start });
    assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e.code, "slot_not_offered");
    assert_eq!(e.errors[0].field, "start");
    assert!(
        e.detail
            .starts_with("start: 2027-06-01T07:00:00Z is not a bookable time"),
        "{}",
        e.detail
    );
}

#[test]
fn conflicts_keep_their_codes() {
    let cases = [
        (BookingError::SlotUnavailable, "slot_unavailable"),
        (
            BookingError::InvalidTransition {
                from: Status::Completed,
                to: Status::Confirmed,
            },
            "invalid_transition",
        ),
        (
            BookingError::BookingNotActive {
                status: Status::Cancelled,
                change: Change::Reschedule,
                via_link: false,
            },
            "booking_not_active",
        ),
    ];
    for (e, code) in cases {
        let e = answer(e);
        assert_eq!((e.status, e.code), (StatusCode::CONFLICT, code));
    }
}

#[test]
fn not_active_speaks_to_whoever_asked() {
    let staff = answer(BookingError::BookingNotActive {
        status: Status::Cancelled,
        change: Change::Reschedule,
        via_link: false,
    });
    assert_eq!(
        staff.detail,
        "A cancelled booking cannot be rescheduled; make a new booking."
    );
    let customer = answer(BookingError::BookingNotActive {
        status: Status::NoShow,
        change: Change::Cancel,
        via_link: true,
    });
    assert_eq!(
        customer.detail,
        "This booking is no_show and can no longer be cancelled."
    );
}

#[test]
fn too_late_names_the_notice_and_the_deadline() {
    let deadline = Utc.with_ymd_and_hms(2027, 6, 1, 7, 0, 0).unwrap();
    let e = answer(BookingError::TooLateToChange {
        change: Change::Cancel,
        notice_minutes: 7 * 1440,
        deadline,
    });
    assert_eq!(e.code, "too_late_to_change");
    assert_eq!(
        e.detail,
        "Bookings can be cancelled online until 7 day(s) before the start \
         (2027-06-01T07:00:00Z); please contact the business."
    );
}

#[test]
fn each_missing_thing_has_its_code() {
    for (what, code) in [
        (Missing::Booking, "booking_not_found"),
        (Missing::Service, "service_not_found"),
        (Missing::BookableService, "service_not_found"),
        (Missing::Staff, "staff_not_found"),
        (Missing::Category, "category_not_found"),
        (Missing::TimeOff, "time_off_not_found"),
    ] {
        let e = answer(BookingError::NotFound(what));
        assert_eq!((e.status, e.code), (StatusCode::NOT_FOUND, code));
    }
    let link = answer(BookingError::InvalidLink);
    assert_eq!(
        (link.status, link.code),
        (StatusCode::NOT_FOUND, "booking_link_invalid")
    );
}

#[test]
fn input_problems_are_4xx() {
    let e = answer(BookingError::invalid("customer.email", "is not valid"));
    assert_eq!(e.code, "validation_failed");
    assert_eq!(e.errors[0].field, "customer.email");
    assert_eq!(e.detail, "customer.email: is not valid");
    let e = answer(BookingError::InvalidQuery {
        field: "from",
        message: "is odd".into(),
    });
    assert_eq!(
        (e.status, e.code),
        (StatusCode::BAD_REQUEST, "invalid_query")
    );
    assert_eq!(e.detail, "from: is odd");
    let e = answer(BookingError::InvalidRange("too long".into()));
    assert_eq!(
        (e.status, e.code),
        (StatusCode::BAD_REQUEST, "invalid_range")
    );
    let e = answer(BookingError::IdempotencyKeyReused);
    assert_eq!(
        (e.status, e.code),
        (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
    );
}

#[test]
fn database_failures_keep_the_platform_mapping() {
    let e = answer(BookingError::Database(diesel::result::Error::NotFound));
    assert_eq!((e.status, e.code), (StatusCode::NOT_FOUND, "not_found"));
    let e = answer(BookingError::Database(
        diesel::result::Error::BrokenTransactionManager,
    ));
    assert_eq!(e.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn notice_reads_as_people_say_it() {
    assert_eq!(humanize_minutes(2880), "2 day(s)");
    assert_eq!(humanize_minutes(120), "2 hour(s)");
    assert_eq!(humanize_minutes(90), "90 minute(s)");
    assert_eq!(humanize_minutes(0), "0 minute(s)");
}

#[test]
fn confirmation_links_answer_unknown_expired_and_gone_slots_apart() {
    let cases = [
        (
            BookingError::ConfirmationInvalid,
            StatusCode::NOT_FOUND,
            "booking_confirmation_invalid",
        ),
        (
            BookingError::ConfirmationExpired,
            StatusCode::GONE,
            "booking_confirmation_expired",
        ),
        (
            BookingError::SlotNoLongerOffered,
            StatusCode::CONFLICT,
            "slot_no_longer_offered",
        ),
    ];
    for (e, status, code) in cases {
        let e = answer(e);
        assert_eq!((e.status, e.code), (status, code));
        assert!(e.detail.ends_with('.'), "{}", e.detail);
    }
}
