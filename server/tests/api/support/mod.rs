//! What the tests share: a server on port 0 against the test database
//! (app), fresh tenants with random slugs (tenants), test databases cloned
//! from the migrated template (db), an SMTP listener (smtp), an SMS provider's stand-in (sms) and reading the
//! mail it got (mail), a Redis of a test's own (redis), and the sign-in
//! calls of a client (auth). Tests `use crate::support::*`.

mod app;
mod auth;
mod db;
mod mail;
mod redis;
mod sms;
mod smtp;
mod tenants;

pub use app::*;
pub use auth::*;
pub use db::*;
pub use mail::*;
pub use redis::*;
pub use sms::*;
pub use tenants::*;
