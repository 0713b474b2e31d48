use std::time::{Duration, Instant};

use super::Pacing;
use crate::outbox::Leased;

const POLL: Duration = Duration::from_millis(500);
const SLOTS: usize = 16;

fn leased(more_due: bool, next_due_in: Option<Duration>) -> Leased {
    Leased {
        jobs: Vec::new(),
        more_due,
        next_due_in,
    }
}

#[test]
fn a_new_worker_looks_at_once() {
    let now = Instant::now();
    let pacing = Pacing::new(POLL, SLOTS, now);
    assert!(pacing.should_lease(now, 4, false));
}

#[test]
fn settled_jobs_do_not_lease_again_when_nothing_was_left_due() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    pacing.leased(now, &leased(false, Some(Duration::from_secs(120))));
    // A burst of jobs failing at once: every one frees a slot, none leases.
    for i in 0..1000 {
        let at = now + Duration::from_micros(i * 100);
        assert!(!pacing.should_lease(at, 16, true), "settled job {i}");
    }
    assert!(pacing.wait(now, 16) > Duration::ZERO);
}

#[test]
fn a_freed_slot_takes_a_job_left_behind() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    pacing.leased(now, &leased(true, None));
    assert!(pacing.should_lease(now, SLOTS, true));
    // Not without a settled job (the tenant's cap may still be full), nor
    // without a free slot.
    assert!(!pacing.should_lease(now, SLOTS, false));
    let one = Pacing::new(POLL, 1, now);
    assert!(!one.should_lease(now, 0, true));
}

#[test]
fn a_backlog_is_leased_once_half_the_slots_are_free() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    pacing.leased(now, &leased(true, Some(Duration::ZERO)));
    let later = now + POLL;
    for free in 1..SLOTS / 2 {
        assert!(!pacing.should_lease(later, free, true), "{free} free");
        assert!(
            !pacing.should_lease(later, free, false),
            "{free} free, timer"
        );
        // It waits for slots, without spinning on the timer.
        assert_eq!(pacing.wait(later, free), POLL, "{free} free");
    }
    assert!(pacing.should_lease(later, SLOTS / 2, true));
    assert!(pacing.should_lease(later, SLOTS / 2, false));
    // One slot is half of two: a small worker still takes its backlog.
    let mut small = Pacing::new(POLL, 2, now);
    small.leased(now, &leased(true, None));
    assert!(small.should_lease(now, 1, true));
}

#[test]
fn with_nothing_due_the_timer_is_the_poll_interval() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    pacing.leased(now, &leased(false, None));
    assert_eq!(pacing.wait(now, 16), POLL);
    assert!(!pacing.should_lease(now + POLL / 2, 16, false));
    assert!(pacing.should_lease(now + POLL, 16, false));
}

#[test]
fn a_job_falling_due_before_the_next_poll_is_looked_at_then() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    let soon = Duration::from_millis(120);
    pacing.leased(now, &leased(false, Some(soon)));
    assert_eq!(pacing.wait(now, 16), soon);
    assert!(pacing.should_lease(now + soon, 16, false));
}

#[test]
fn jobs_left_due_do_not_make_the_timer_spin() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    // Everything due is held back by tenants' caps: only a settled job or
    // the poll can change that.
    pacing.leased(now, &leased(true, None));
    assert_eq!(pacing.wait(now, 16), POLL);
    pacing.lease_failed(now);
    assert!(!pacing.should_lease(now, 16, true));
    assert_eq!(pacing.wait(now, 16), POLL);
}

#[test]
fn with_every_slot_busy_it_waits_for_one_not_for_the_timer() {
    let now = Instant::now();
    let mut pacing = Pacing::new(POLL, SLOTS, now);
    pacing.leased(now, &leased(false, Some(Duration::from_millis(20))));
    let later = now + Duration::from_secs(1);
    assert_eq!(pacing.wait(later, 0), POLL);
    assert!(!pacing.should_lease(later, 0, false));
    assert!(pacing.should_lease(later, 1, true));
}
