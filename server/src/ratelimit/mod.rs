//! Rate limits kept in Redis, so every server counts the same attempts.
//! Fixed windows: the first hit of a key starts its window. A limiter that
//! cannot reach Redis lets the request through and says so in the log: an
//! outage of the limiter must not become an outage of sign-in.

pub mod auth;
mod window;

pub use window::{hit, Verdict};
