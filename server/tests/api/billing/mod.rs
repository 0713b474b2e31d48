//! Plans, sign-up, limits, features and the read-only past-due site.

mod limits;
mod past_due;
mod signup;
mod sweeper;
