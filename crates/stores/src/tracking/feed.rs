//! The listener and its fan-out.

use std::sync::{Arc, Once, Weak};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde::Deserialize;
use tokio::sync::broadcast;
use uuid::Uuid;

/// How often the listener reads its connection's notifications: changes
/// show on open pages well within a second.
const POLL: Duration = Duration::from_millis(150);
/// How often it checks that its connection is still alive.
const PING: Duration = Duration::from_secs(15);
/// Notes a slow stream may fall behind by before it skips ahead (it then
/// reads its order's events from the database, so nothing is lost).
const BACKLOG: usize = 1024;

/// What the trigger announces: an order of a tenant schema has a new event.
#[derive(Debug, Clone, Deserialize)]
pub struct OrderNote {
    pub schema: String,
    pub order_id: Uuid,
    pub event_id: i64,
}

/// One per server. Its LISTEN connection (a thread of its own, which ends
/// when the feed is dropped) is opened when the first stream subscribes:
/// a server nobody tracks an order on holds no extra connection.
pub struct OrderFeed {
    sender: broadcast::Sender<OrderNote>,
    database_url: String,
    started: Once,
}

impl OrderFeed {
    pub fn new(database_url: String) -> Arc<Self> {
        let (sender, _) = broadcast::channel(BACKLOG);
        Arc::new(OrderFeed {
            sender,
            database_url,
            started: Once::new(),
        })
    }

    /// Notes from now on. A stream subscribes before it reads the events
    /// already stored, so a change committed in between is not missed.
    pub fn subscribe(self: &Arc<Self>) -> broadcast::Receiver<OrderNote> {
        let receiver = self.sender.subscribe();
        self.started
            .call_once(|| listen(Arc::downgrade(self), self.database_url.clone()));
        receiver
    }
}

fn listen(feed: Weak<OrderFeed>, database_url: String) {
    let spawned = std::thread::Builder::new()
        .name("order-feed".into())
        .spawn(move || loop {
            let connected = PgConnection::establish(&database_url)
                .map_err(|e| e.to_string())
                .and_then(|mut c| {
                    diesel::sql_query("LISTEN store_order_events")
                        .execute(&mut c)
                        .map(|_| c)
                        .map_err(|e| e.to_string())
                });
            let mut conn = match connected {
                Ok(conn) => conn,
                Err(e) => {
                    tracing::warn!(error = %e, "order feed cannot connect; retrying");
                    std::thread::sleep(Duration::from_secs(1));
                    if feed.strong_count() == 0 {
                        return;
                    }
                    continue;
                }
            };
            let mut pinged = Instant::now();
            loop {
                std::thread::sleep(POLL);
                let Some(live) = feed.upgrade() else { return };
                let mut failed = false;
                for note in conn.notifications_iter() {
                    match note {
                        Ok(note) => match serde_json::from_str::<OrderNote>(&note.payload) {
                            // No receiver (no open stream) is not an error.
                            Ok(parsed) => {
                                let _ = live.sender.send(parsed);
                            }
                            Err(e) => tracing::warn!(error = %e, "unreadable order note"),
                        },
                        Err(e) => {
                            tracing::warn!(error = %e, "order feed lost its connection");
                            failed = true;
                            break;
                        }
                    }
                }
                if !failed && pinged.elapsed() >= PING {
                    pinged = Instant::now();
                    if let Err(e) = diesel::sql_query("SELECT 1").execute(&mut conn) {
                        tracing::warn!(error = %e, "order feed ping failed; reconnecting");
                        failed = true;
                    }
                }
                if failed {
                    // Streams catch up from the database on their next note
                    // or keep-alive, so a reconnect loses nothing.
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the order feed; live tracking will not update");
    }
}
