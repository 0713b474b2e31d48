//! When a worker's dispatcher leases. A lease is a transaction; leasing
//! again each time a job settles would, with deliveries that fail at once
//! (no mail relay, a receiver refusing connections), turn every failure
//! into another lease that finds nothing. So a settled job leads to a lease
//! only when the last lease left due jobs behind; otherwise the dispatcher
//! waits for its timer: the poll interval (jobs queued since, by any
//! server), or sooner when the last lease saw a job falling due before it.
//!
//! A backlog (due jobs left behind) is leased in batches: only once half
//! the slots are free. Leasing whenever one slot frees up would run one
//! lease, scanning the queue, for every job delivered, and under a burst of
//! orders those leases cost the database about as much as the orders did.

use std::time::{Duration, Instant};

use crate::outbox::Leased;

/// No two timed leases closer than this, whatever the jobs' times say.
const MIN_WAIT: Duration = Duration::from_millis(10);

#[derive(Debug)]
pub(super) struct Pacing {
    poll: Duration,
    /// How many jobs the worker runs at once.
    slots: usize,
    /// The timer: a lease is due then, if a slot is free.
    next_look: Instant,
    /// The last lease left due jobs behind.
    more_due: bool,
}

impl Pacing {
    /// A new worker looks at once.
    pub(super) fn new(poll: Duration, slots: usize, now: Instant) -> Self {
        Pacing {
            poll,
            slots,
            next_look: now,
            more_due: false,
        }
    }

    /// Whether to lease now: only with a free slot, and when the timer is up
    /// or a slot has just freed up while due jobs were waiting for one;
    /// with due jobs waiting, only once half the slots are free.
    pub(super) fn should_lease(&self, now: Instant, free: usize, slot_freed: bool) -> bool {
        free > 0
            && self.batch_ready(free)
            && (now >= self.next_look || (slot_freed && self.more_due))
    }

    /// Without a backlog any free slot will do; with one, half of them.
    fn batch_ready(&self, free: usize) -> bool {
        !self.more_due || free.saturating_mul(2) >= self.slots
    }

    pub(super) fn leased(&mut self, now: Instant, leased: &Leased) {
        self.more_due = leased.more_due;
        let until_due = leased.next_due_in.unwrap_or(self.poll);
        self.next_look = now + until_due.clamp(MIN_WAIT, self.poll.max(MIN_WAIT));
    }

    /// A lease that failed (no connection, a database error) is tried
    /// again on the timer, not on every settled job.
    pub(super) fn lease_failed(&mut self, now: Instant) {
        self.more_due = false;
        self.next_look = now + self.poll.max(MIN_WAIT);
    }

    /// How long to wait for a slot to free up before looking again. With
    /// every slot busy, or a backlog and fewer than half free, the timer
    /// cannot lease, so it is not waited for: only for a slot, re-checked
    /// every poll (the application may be gone).
    pub(super) fn wait(&self, now: Instant, free: usize) -> Duration {
        if free == 0 || !self.batch_ready(free) {
            return self.poll;
        }
        self.next_look.saturating_duration_since(now)
    }
}

#[cfg(test)]
#[path = "runner_pacing_test.rs"]
mod tests;
