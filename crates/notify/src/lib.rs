//! Notify: mail, text messages and webhooks, delivered through the
//! transactional outbox. A change writes its job in its own transaction
//! (`outbox::enqueue`, `mail::enqueue`, `sms::enqueue`, `webhooks::emit`),
//! and workers deliver committed jobs at least once. Notify knows no
//! capability above it: they hand it finished messages and typed events.

pub mod deliveries;
pub mod guarded_http;
pub mod mail;
pub mod mailer;
pub mod outbox;
pub mod runner;
pub mod sms;
pub mod templates;
pub mod webhooks;
pub mod worker;
