//! HTTP-level tests against a real server on a random port, real PostgreSQL,
//! real Redis and a real SMTP listener. One binary, so it links once.

mod booking_changes;
mod bookings;
mod customers;
mod helpers;
mod isolation;
mod nginx;
mod smtp;
mod tenancy;
