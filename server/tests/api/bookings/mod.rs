//! Bookings over HTTP: slots and booking them, changes, what they send
//! (mail, texts) and webhooks.

mod changes;
mod mail;
mod salon;
mod slots;
mod webhooks;

pub use salon::*;
