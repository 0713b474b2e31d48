//! The listener and its fan-out.

use std::sync::{Arc, Once};
use std::time::Duration;

use kernel::listen;
use serde::Deserialize;
use tokio::sync::broadcast;
use uuid::Uuid;

/// How often the listener reads its connection's notifications: changes
/// show on open pages well within a second.
const POLL: Duration = Duration::from_millis(150);
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
        self.started.call_once(|| {
            listen::spawn(
                listen::Channels {
                    name: "order-feed",
                    channels: &["store_order_events"],
                    poll: POLL,
                },
                Arc::downgrade(self),
                self.database_url.clone(),
            )
        });
        receiver
    }
}

/// Each note goes to the open streams. Lost notes need nothing: streams catch
/// up from the database on their next note or keep-alive.
impl listen::Subscriber for OrderFeed {
    fn notified(&self, _channel: &str, payload: &str) {
        match serde_json::from_str::<OrderNote>(payload) {
            // No receiver (no open stream) is not an error.
            Ok(parsed) => {
                let _ = self.sender.send(parsed);
            }
            Err(e) => tracing::warn!(error = %e, "unreadable order note"),
        }
    }

    fn missed(&self) {}
}
