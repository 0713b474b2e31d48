//! A worker's threads: one dispatcher that leases jobs while delivery slots
//! are free (when, its pacing decides), and one delivery thread per slot.
//! The dispatcher only counts; the per-tenant cap is the lease query's, so
//! it holds over every server.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use diesel::prelude::*;

use kernel::db::DbPool;
use kernel::settings::Settings;

use super::pacing::Pacing;
use super::{run_job, JobHandler, Limits};
use crate::outbox::{self, Job, Leased};

/// Settled jobs are pruned at most this often by each worker (its own kinds).
const PRUNE_EVERY: Duration = Duration::from_secs(300);
/// Small deletes, so pruning a large backlog never holds locks for long.
const PRUNE_BATCH: i64 = 500;
/// At most this many batches per round; the rest waits for the next round.
const PRUNE_ROUNDS: usize = 20;

/// Connections of one worker: leases and results take milliseconds, and a
/// delivery holds none while it waits on the network, so a few serve many
/// slots.
fn connections(limits: &Limits) -> u32 {
    u32::try_from(limits.max_in_flight / 8)
        .unwrap_or(u32::MAX)
        .clamp(1, 2)
        + 1
}

pub(super) fn spawn<H: JobHandler>(name: &str, settings: &Arc<Settings>, handler: H) {
    let limits = Limits::from_settings(settings);
    let poll = Duration::from_millis(settings.outbox_poll_ms.max(10));
    let retention = chrono::Duration::days(i64::from(settings.outbox_retention_days));
    let pool = kernel::db::build_pool_lazy(&settings.database_url, connections(&limits));
    let handler = Arc::new(handler);
    let kinds = handler.kinds();
    let (to_deliver, queue) = mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    let (finished, done) = mpsc::channel::<()>();
    let mut slots = 0;
    for i in 0..limits.max_in_flight {
        let slot = Slot {
            alive: Arc::downgrade(settings),
            queue: queue.clone(),
            pool: pool.clone(),
            finished: finished.clone(),
        };
        let handler = handler.clone();
        let started = std::thread::Builder::new()
            .name(format!("{name}-{i}"))
            .spawn(move || slot.deliver(&*handler));
        match started {
            Ok(_) => slots += 1,
            Err(e) => {
                tracing::error!(worker = name, error = %e, "cannot start a delivery thread; running with fewer");
                break;
            }
        }
    }
    drop(finished);
    if slots == 0 {
        tracing::error!(
            worker = name,
            "no delivery thread started; this worker's jobs stay queued"
        );
        return;
    }
    let dispatcher = Dispatcher {
        alive: Arc::downgrade(settings),
        pool,
        kinds,
        limits: Limits {
            max_in_flight: slots,
            ..limits
        },
        poll,
        retention,
    };
    let started = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || dispatcher.run(&to_deliver, &done));
    if let Err(e) = started {
        tracing::error!(worker = name, error = %e, "cannot start an outbox worker; its jobs stay queued");
    }
}

struct Dispatcher {
    alive: Weak<Settings>,
    pool: DbPool,
    kinds: &'static [&'static str],
    limits: Limits,
    poll: Duration,
    retention: chrono::Duration,
}

impl Dispatcher {
    /// Leases as many jobs as there are free slots when its pacing says
    /// so, then waits for a slot to free up or for its timer.
    fn run(self, to_deliver: &Sender<Job>, done: &Receiver<()>) {
        let mut in_flight = 0usize;
        let mut pacing = Pacing::new(self.poll, self.limits.max_in_flight, Instant::now());
        let mut slot_freed = false;
        let mut last_prune: Option<Instant> = None;
        while self.alive.strong_count() > 0 {
            if last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
                last_prune = Some(Instant::now());
                self.prune();
            }
            while done.try_recv().is_ok() {
                in_flight = in_flight.saturating_sub(1);
                slot_freed = true;
            }
            let free = self.limits.max_in_flight.saturating_sub(in_flight);
            if pacing.should_lease(Instant::now(), free, slot_freed) {
                match self.lease(free) {
                    Some(leased) => {
                        pacing.leased(Instant::now(), &leased);
                        for job in leased.jobs {
                            if to_deliver.send(job).is_err() {
                                return;
                            }
                            in_flight += 1;
                        }
                    }
                    None => pacing.lease_failed(Instant::now()),
                }
            }
            slot_freed = false;
            let free = self.limits.max_in_flight.saturating_sub(in_flight);
            match done.recv_timeout(pacing.wait(Instant::now(), free)) {
                Ok(()) => {
                    in_flight = in_flight.saturating_sub(1);
                    slot_freed = true;
                }
                Err(RecvTimeoutError::Timeout) => {}
                // Every delivery thread is gone: nothing could run a job.
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn lease(&self, free: usize) -> Option<Leased> {
        let leased = self
            .pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| {
                outbox::lease_due_and_look_ahead(&mut conn, &self.limits.claim(self.kinds, free))
                    .map_err(|e| e.to_string())
            });
        leased
            .map_err(
                |e| tracing::warn!(error = %e, "outbox worker could not lease jobs; will retry"),
            )
            .ok()
    }

    fn prune(&self) {
        let pruned = self
            .pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| {
                prune_once(&mut conn, self.kinds, self.retention).map_err(|e| e.to_string())
            });
        match pruned {
            Ok(0) => {}
            Ok(n) => tracing::info!(pruned = n, "outbox: deleted settled jobs past retention"),
            Err(e) => tracing::warn!(error = %e, "outbox pruning failed; will retry"),
        }
    }
}

/// One delivery thread.
struct Slot {
    alive: Weak<Settings>,
    queue: Arc<Mutex<Receiver<Job>>>,
    pool: DbPool,
    finished: Sender<()>,
}

impl Slot {
    /// Runs the jobs the dispatcher hands out until it stops. Once the
    /// application is gone, jobs still queued are left to their leases.
    fn deliver<H: JobHandler>(self, handler: &H) {
        loop {
            let next = match self.queue.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            let Ok(job) = next else { return };
            if self.alive.strong_count() == 0 {
                return;
            }
            run_job(&self.pool, handler, &job);
            if self.finished.send(()).is_err() {
                return;
            }
        }
    }
}

pub(super) fn prune_once(
    conn: &mut PgConnection,
    kinds: &[&str],
    retention: chrono::Duration,
) -> QueryResult<usize> {
    let before = chrono::Utc::now() - retention;
    let mut total = 0;
    for _ in 0..PRUNE_ROUNDS {
        let n = outbox::prune_settled(conn, kinds, before, PRUNE_BATCH)?;
        total += n;
        if (n as i64) < PRUNE_BATCH {
            break;
        }
    }
    Ok(total)
}
