//! Platform accounts over HTTP: sign-in and tokens, the mails of password
//! reset and verification, and rate limits.

mod auth;
mod auth_mail;
mod rate_limit;
