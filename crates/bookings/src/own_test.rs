//! Unit tests of own.rs: which bookings are upcoming and in what order.

use chrono::Duration;

use super::*;

fn row(starts_in_hours: i64, now: DateTime<Utc>) -> BookingRow {
    let starts_at = now + Duration::hours(starts_in_hours);
    BookingRow {
        id: Uuid::new_v4(),
        service_id: Uuid::new_v4(),
        staff_id: Uuid::new_v4(),
        customer_id: Uuid::new_v4(),
        starts_at,
        ends_at: starts_at + Duration::minutes(30),
        status: Status::Confirmed,
        notes: None,
        sequence: 0,
        created_at: now,
        updated_at: now,
    }
}

#[test]
fn upcoming_soonest_first_and_past_latest_first() {
    let now = Utc::now();
    let rows = vec![row(-48, now), row(72, now), row(-2, now), row(3, now)];
    let starts = |rs: &[BookingRow]| rs.iter().map(|b| b.starts_at).collect::<Vec<_>>();
    let (upcoming, past) = split(rows, now);
    assert_eq!(
        starts(&upcoming),
        vec![now + Duration::hours(3), now + Duration::hours(72)]
    );
    assert_eq!(
        starts(&past),
        vec![now - Duration::hours(2), now - Duration::hours(48)]
    );
}

#[test]
fn a_booking_under_way_is_still_upcoming() {
    let now = Utc::now();
    let mut b = row(0, now);
    b.starts_at = now - Duration::minutes(10);
    let (upcoming, past) = split(vec![b], now);
    assert_eq!((upcoming.len(), past.len()), (1, 0));
}
