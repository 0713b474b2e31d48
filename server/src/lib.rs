//! The platform server, and the library the operator CLI links for the
//! tenancy code (one implementation of provisioning and migration).

pub mod auth;
pub mod bookings;
pub mod config;
pub mod customers;
pub mod db;
pub mod error;
pub mod health;
pub mod input;
pub mod input_errors;
pub mod notify;
pub mod ratelimit;
pub mod request_meta;
pub mod schema;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tenancy;
