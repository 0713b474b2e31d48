//! A LISTEN connection on a thread of its own, handing each notification to
//! one subscriber: the tenant registry, the access check and the order feed
//! each keep one. NOTIFY is delivered on commit, so a subscriber hears of a
//! change once it is visible.
//!
//! A LISTEN connection can die without an error (a half-open TCP
//! connection), so the thread pings it and opens a new one when the ping
//! fails. Whatever was sent while it had none is lost: the subscriber is told
//! (`missed`) when the connection fails, at each failed attempt to open one
//! (about every second) and when a new one listens, and must not trust what
//! it holds from before.

use std::sync::Weak;
use std::time::{Duration, Instant};

use diesel::prelude::*;

/// How often the thread checks that its connection is still alive.
const PING: Duration = Duration::from_secs(15);
/// How long it waits before connecting again after a failure.
const RETRY: Duration = Duration::from_secs(1);

pub trait Subscriber: Send + Sync + 'static {
    /// A notification on one of the channels.
    fn notified(&self, channel: &str, payload: &str);
    /// Notifications may have been lost: the connection failed, none could
    /// be opened, or a new one has just started listening.
    fn missed(&self);
}

/// What to listen to, and how often to read what arrived.
pub struct Channels {
    /// The thread's name, also used in the log.
    pub name: &'static str,
    pub channels: &'static [&'static str],
    /// How long a notification may wait before it is read.
    pub poll: Duration,
}

/// Starts the thread. It ends when the subscriber is dropped.
pub fn spawn<S: Subscriber>(spec: Channels, subscriber: Weak<S>, database_url: String) {
    let name = spec.name;
    let spawned = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || loop {
            let mut conn = match connect(&database_url, spec.channels) {
                Ok(conn) => conn,
                Err(e) => {
                    tracing::warn!(listener = name, error = %e, "cannot listen; retrying");
                    // Nothing is heard meanwhile: what is held goes stale.
                    match subscriber.upgrade() {
                        Some(s) => s.missed(),
                        None => return,
                    }
                    std::thread::sleep(RETRY);
                    continue;
                }
            };
            match subscriber.upgrade() {
                Some(s) => s.missed(),
                None => return,
            }
            if !relay(&mut conn, &subscriber, &spec, name) {
                return;
            }
        });
    if let Err(e) = spawned {
        tracing::error!(listener = name, error = %e, "cannot start the listener thread");
    }
}

fn connect(database_url: &str, channels: &[&str]) -> Result<PgConnection, String> {
    let mut conn = PgConnection::establish(database_url).map_err(|e| e.to_string())?;
    for channel in channels {
        diesel::sql_query(format!("LISTEN {channel}"))
            .execute(&mut conn)
            .map_err(|e| e.to_string())?;
    }
    Ok(conn)
}

/// Hands notifications over until the connection fails (returns true: open
/// a new one) or the subscriber is gone (false).
fn relay<S: Subscriber>(
    conn: &mut PgConnection,
    subscriber: &Weak<S>,
    spec: &Channels,
    name: &str,
) -> bool {
    let mut pinged = Instant::now();
    loop {
        std::thread::sleep(spec.poll);
        let Some(live) = subscriber.upgrade() else {
            return false;
        };
        let mut failed = false;
        for note in conn.notifications_iter() {
            match note {
                Ok(note) => live.notified(&note.channel, &note.payload),
                Err(e) => {
                    tracing::warn!(listener = name, error = %e, "lost its connection");
                    failed = true;
                    break;
                }
            }
        }
        // A connection that died without an error never reports one above;
        // a query on it does.
        if !failed && pinged.elapsed() >= PING {
            pinged = Instant::now();
            if let Err(e) = diesel::sql_query("SELECT 1").execute(conn) {
                tracing::warn!(listener = name, error = %e, "ping failed; reconnecting");
                failed = true;
            }
        }
        if failed {
            live.missed();
            return true;
        }
    }
}
