//! Mail and other notifications, delivered through the transactional outbox.

pub mod worker;
