//! Bookings: services, staff and their hours, availability, and the
//! bookings themselves (create, change, cancel), with their mails,
//! reminders and webhook events.

pub mod availability;
pub mod calendar;
pub mod changes;
pub mod create;
pub mod customer_records;
pub mod events;
pub mod hours;
pub mod ics;
pub mod idempotency;
pub mod manage;
pub mod model;
pub mod reminders;
pub mod schedule_cache;
pub mod services;
pub mod settings;
pub mod slots;
pub mod staff;
pub mod staff_views;
