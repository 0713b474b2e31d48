//! Live order tracking: every status change of an order (a row in
//! `order_events`) is announced by PostgreSQL at commit (a trigger
//! NOTIFYs `store_order_events`); one listener per server fans the notes
//! out to the open event streams, each of which reads its order's new
//! events and sends them on. A change made on any server reaches a stream
//! held by any other. Who may follow an order is who may see it
//! (`orders::Access`).

mod feed;
mod history;

pub use feed::{OrderFeed, OrderNote};
pub use history::{events_after, StatusEvent};
