//! HTTP-level tests against a real server on a random port, real PostgreSQL,
//! real Redis and a real SMTP listener. One binary, so it links once.

// Tests unwrap freely: a panic here is a failing test, not a crash a user meets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod auth_mail;
mod auth_support;
mod booking_changes;
mod booking_mail;
mod booking_webhooks;
mod bookings;
mod customers;
mod customers_listing;
mod helpers;
mod isolation;
mod nginx;
mod outbox;
mod rate_limit;
mod smtp;
mod tenancy;
