//! HTTP-level tests against a real server on a random port, real PostgreSQL,
//! real Redis and a real SMTP listener. One binary, so it links once.

mod customers;
mod bookings;
mod helpers;
mod isolation;
mod nginx;
mod smtp;
mod tenancy;
