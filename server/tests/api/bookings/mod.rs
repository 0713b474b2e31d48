//! Bookings over HTTP: slots and booking them, changes, what they send
//! (mail, texts) and webhooks, crafted input, and what the public sees of
//! staff.

mod changes;
mod email_confirmation;
mod erasure;
mod hostile_dates;
mod hostile_text;
mod limits;
mod mail;
mod salon;
mod slots;
mod staff_privacy;
mod webhooks;

pub use salon::*;
