//! Bookings: services, staff and their hours, availability, and the
//! bookings themselves (create, change, cancel), with their mails,
//! reminders and webhook events.
//!
//! Each public module is one part of the capability: its request bodies,
//! the checked values they become (`parse`), the views it answers with,
//! and its operations. An operation runs inside the caller's tenant
//! transaction (`kernel::db::tenant_tx_as::<_, BookingError, _>`) and
//! returns a typed result or a `BookingError`; `AppError::from` says how
//! each error answers a client. The queries live in the private `repo`
//! modules, the availability engine in the private `slots`.

mod calendar;
mod changes;
mod error;
mod ics;
mod idempotency;
mod repo;
mod slots;

pub mod availability;
pub mod create;
pub mod email_confirmation;
pub mod hours;
pub mod limits;
pub mod manage;
pub mod model;
pub mod own;
pub mod services;
pub mod settings;
pub mod staff;
pub mod staff_views;

// Wired in at start-up: the cache, the customer-data section, the webhook
// event catalog and the reminder worker.
pub mod customer_records;
pub mod events;
pub mod reminders;
pub mod schedule_cache;

pub use error::{BookingError, Change, Missing};
pub use idempotency::IdempotencyKey;
pub use limits::Booker;
pub use model::{Booked, BookingView, Reason, RescheduleBody, Status};
pub use schedule_cache::{Menu, ScheduleCache, Schedules};
