//! HTTP-level tests against a real server on a random port, real PostgreSQL,
//! real Redis and a real SMTP listener. One binary, so it links once.

mod auth;
mod auth_mail;
mod auth_support;
mod booking_changes;
mod bookings;
mod customers;
mod helpers;
mod isolation;
mod nginx;
mod outbox;
mod rate_limit;
mod smtp;
mod tenancy;
