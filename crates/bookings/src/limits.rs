//! Limits on booking without signing in as staff: an anonymous form that
//! holds a slot and mails (or texts) the address it is given must not let
//! one client take every slot or message anyone at will.
//!
//! - per client address (IPv6: its /64), every attempt counts, before the
//!   booking, so a burst of concurrent requests cannot slip past;
//! - per email, phone or signed-in customer, only bookings made count (a
//!   slot someone else took sent nothing), checked before and counted after;
//! - per customer, at most so many upcoming bookings, checked in the booking
//!   transaction with the customer's row locked, so it is a hard cap.
//!
//! Every key names its tenant. Staff booking for a client are not limited.

use std::net::IpAddr;

use chrono::Utc;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::create::CreateBody;
use crate::error::BookingError;
use crate::model::Status;
use identity::tokens::AuthUser;
use kernel::ratelimit::{client_scope, hit_each, peek, RedisPool, Verdict};
use kernel::schema::tenant::{bookings, customers};
use kernel::settings::Settings;
use kernel::values::{Email, Phone};

/// Who is booking, as the limits count them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booker {
    ip: Option<String>,
    contacts: Vec<String>,
}

impl Booker {
    /// The keys of a booking on `tenant`. Contacts are normalised as the
    /// booking will store them (so "ANN@x" and "ann@x" count together) and
    /// hashed, so Redis holds no address; one that does not parse is left
    /// out, since the booking will refuse it anyway.
    pub fn new(
        tenant: Uuid,
        client: Option<IpAddr>,
        body: &CreateBody,
        user: Option<&AuthUser>,
    ) -> Self {
        let prefix = format!("rl:book:{}", tenant.simple());
        let mut contacts = Vec::new();
        if let Some(c) = &body.customer {
            if let Ok(email) = Email::parse(&c.email) {
                contacts.push(hashed("email", email.as_str()));
            }
            if let Ok(Some(phone)) = Phone::parse_optional(c.phone.as_deref().unwrap_or_default()) {
                contacts.push(hashed("phone", phone.as_str()));
            }
        }
        if let Some(user) = user {
            contacts.push(hashed("user", &user.user_id.to_string()));
        }
        Booker {
            ip: client.map(|ip| format!("{prefix}:ip:{}", client_scope(ip))),
            contacts: contacts
                .into_iter()
                .map(|c| format!("{prefix}:{c}"))
                .collect(),
        }
    }

    /// Counts the attempt against the client address and checks that its
    /// contacts have bookings to spare; over a limit it is a 429.
    pub async fn admit(&self, redis: &RedisPool, settings: &Settings) -> Result<(), BookingError> {
        let window = settings.booking_rate_window_secs;
        let ip: Vec<_> = self
            .ip
            .iter()
            .map(|k| (k.clone(), settings.booking_rate_limit_per_ip))
            .collect();
        limited(hit_each(redis, &ip, window).await)?;
        limited(peek(redis, &self.contact_counters(settings)).await)
    }

    /// Counts a booking made against its contacts.
    pub async fn record(&self, redis: &RedisPool, settings: &Settings) {
        let counters = self.contact_counters(settings);
        hit_each(redis, &counters, settings.booking_rate_window_secs).await;
    }

    fn contact_counters(&self, settings: &Settings) -> Vec<(String, u32)> {
        self.contacts
            .iter()
            .map(|k| (k.clone(), settings.booking_rate_limit_per_contact))
            .collect()
    }
}

fn hashed(kind: &str, value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    format!("{kind}:{}", hex::encode(&digest[..16]))
}

fn limited(verdict: Verdict) -> Result<(), BookingError> {
    match verdict {
        Verdict::Limited(wait) => Err(BookingError::RateLimited {
            retry_after_secs: wait.max(1),
        }),
        Verdict::Allowed | Verdict::Unchecked => Ok(()),
    }
}

/// Refuses a booking that would give the customer more than `cap`
/// upcoming (pending or confirmed) bookings. The customer's row is locked
/// first, so concurrent bookings for one email are counted one after the
/// other and cannot pass the cap together.
pub(crate) fn check_pending(
    conn: &mut PgConnection,
    customer_id: Uuid,
    cap: u32,
) -> Result<(), BookingError> {
    customers::table
        .find(customer_id)
        .select(customers::id)
        .for_update()
        .first::<Uuid>(conn)?;
    let upcoming: i64 = bookings::table
        .filter(bookings::customer_id.eq(customer_id))
        .filter(bookings::status.eq_any([Status::Pending, Status::Confirmed]))
        .filter(bookings::starts_at.gt(Utc::now()))
        .count()
        .get_result(conn)?;
    if upcoming >= i64::from(cap) {
        return Err(BookingError::TooManyPending { cap });
    }
    Ok(())
}

#[cfg(test)]
#[path = "limits_test.rs"]
mod tests;
