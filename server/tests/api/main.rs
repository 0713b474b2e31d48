//! HTTP-level tests against a real server on a random port, real PostgreSQL,
//! real Redis and a real SMTP listener. One binary, so it links once.

mod helpers;
mod smtp;
mod tenancy;
