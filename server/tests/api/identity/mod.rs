//! Accounts over HTTP: customer sign-up by mailed link, sign-in and tokens,
//! the mails of password reset and verification, invitations, rate limits,
//! access tokens that stop working when their session, membership or role
//! does, and the start-up secret check.

mod auth;
mod auth_mail;
mod hardening;
mod invitations;
mod link_prune;
mod phone_sign_in;
mod rate_limit;
mod revocation;
