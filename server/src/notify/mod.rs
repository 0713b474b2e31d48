//! Mail and other notifications, delivered through the transactional outbox:
//! a change writes its job in its own transaction (`outbox::enqueue`), and the
//! worker delivers committed jobs at least once.

pub mod mail;
pub mod mailer;
pub mod outbox;
pub mod runner;
pub mod sms;
pub mod templates;
pub mod webhook;
pub mod worker;
