//! HTTP-level tests against a real server on a random port, real PostgreSQL,
//! real Redis and a real SMTP listener, grouped by capability; what they
//! share is in support/. One binary, so it links once.

// Tests unwrap freely: a panic here is a failing test, not a crash a user meets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod billing;
mod bookings;
mod branding;
mod clinics;
mod contract;
mod customers;
mod identity;
mod metrics;
mod notify;
mod pages;
mod proxy;
mod stores;
mod tenancy;
