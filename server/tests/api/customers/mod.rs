//! Customers over HTTP.

mod crud;
mod fixture;
mod listing;

pub use fixture::*;
