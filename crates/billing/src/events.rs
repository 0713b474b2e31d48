//! The payment provider's events (its webhook), each applied at most once:
//! the event's id is the key of `payment_events`, so a redelivery, even one
//! arriving while the first is still being applied, finds the row and
//! changes nothing. An event older than the last one applied to the
//! subscription (deliveries come in any order) is recorded as stale.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::catalog::SubscriptionStatus;
use crate::invoices;
use crate::limits::tenant_plan;
use crate::plans::find_plan;
use crate::subscriptions::SubscriptionRow;
use kernel::error::AppError;
use kernel::schema::public::{payment_events, subscriptions, tenants};

pub const INVOICE_PAID: &str = "invoice.paid";
pub const INVOICE_PAYMENT_FAILED: &str = "invoice.payment_failed";
pub const SUBSCRIPTION_DELETED: &str = "customer.subscription.deleted";

/// An event as the provider sends it: `{id, type, created, data: {object}}`.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub created: DateTime<Utc>,
    pub object: Value,
    pub payload: Value,
}

fn bad_event(detail: &str) -> AppError {
    AppError::bad_request(
        "invalid_event",
        format!("The event is not one the platform reads: {detail}."),
    )
}

/// Unix seconds PostgreSQL and chrono both hold: 1970 to the end of 9999.
fn time_of(v: &Value) -> Option<DateTime<Utc>> {
    v.as_i64()
        .filter(|s| (0..=253_402_300_799).contains(s))
        .and_then(|s| DateTime::from_timestamp(s, 0))
}

impl Event {
    pub fn parse(body: &[u8]) -> Result<Event, AppError> {
        // jsonb refuses a NUL character anywhere in the document.
        if body.windows(6).any(|w| w == br"\u0000") {
            return Err(bad_event("it contains a NUL character"));
        }
        let payload: Value =
            serde_json::from_slice(body).map_err(|_| bad_event("the body is not JSON"))?;
        let id = payload["id"]
            .as_str()
            .filter(|id| !id.is_empty() && id.len() <= 255)
            .ok_or_else(|| bad_event("`id` must be a string of 1 to 255 characters"))?
            .to_string();
        let kind = payload["type"]
            .as_str()
            .filter(|t| !t.is_empty() && t.len() <= 255)
            .ok_or_else(|| bad_event("`type` must be a string"))?
            .to_string();
        let created = time_of(&payload["created"])
            .ok_or_else(|| bad_event("`created` must be a time in unix seconds"))?;
        let object = payload["data"]["object"].clone();
        if !object.is_object() {
            return Err(bad_event("`data.object` must be an object"));
        }
        Ok(Event {
            id,
            kind,
            created,
            object,
            payload,
        })
    }

    /// The tenant's slug, which checkout put in the metadata: on the object
    /// itself, or (invoices) on its subscription's details or first line.
    pub fn tenant_slug(&self) -> Option<&str> {
        let o = &self.object;
        [
            &o["metadata"]["tenant"],
            &o["subscription_details"]["metadata"]["tenant"],
            &o["lines"]["data"][0]["metadata"]["tenant"],
        ]
        .into_iter()
        .find_map(|v| v.as_str().filter(|s| !s.is_empty()))
    }

    /// The plan the checkout was for (`metadata.plan`, where the tenant's
    /// slug is).
    pub fn plan_code(&self) -> Option<&str> {
        let o = &self.object;
        [
            &o["metadata"]["plan"],
            &o["subscription_details"]["metadata"]["plan"],
            &o["lines"]["data"][0]["metadata"]["plan"],
        ]
        .into_iter()
        .find_map(|v| v.as_str().filter(|s| !s.is_empty()))
    }

    /// The paid period. The first line's period comes first: for a
    /// subscription's invoice it is the period paid for, while the
    /// invoice's own `period_start/end` cover the usage before it (equal
    /// on a first invoice). A pair that is not a forward range is skipped.
    fn period(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let o = &self.object;
        let line = &o["lines"]["data"][0]["period"];
        [
            (&line["start"], &line["end"]),
            (&o["period_start"], &o["period_end"]),
        ]
        .into_iter()
        .find_map(|(start, end)| {
            let (start, end) = (time_of(start)?, time_of(end)?);
            (end > start).then_some((start, end))
        })
    }
}

kernel::text_enum! {
    /// What receiving an event did.
    pub enum Outcome {
        Applied => "applied",
        /// Older than the last event applied to the subscription.
        Stale => "stale",
        /// A type or a tenant the platform does not act on.
        Ignored => "ignored",
        /// Received before: nothing was done again.
        Duplicate => "duplicate",
    }
}

/// Records and applies `event`. Runs in one transaction (the caller's):
/// the event row, the subscription's change and the invoice commit
/// together or not at all.
pub fn receive(
    conn: &mut PgConnection,
    event: &Event,
    tax_rate_bp: i32,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    // A concurrent delivery of the same event waits here for the first
    // one's transaction, then finds its row (or takes over if it rolled
    // back).
    let inserted = diesel::insert_into(payment_events::table)
        .values((
            payment_events::id.eq(&event.id),
            payment_events::event_type.eq(&event.kind),
            payment_events::created.eq(event.created),
            payment_events::payload.eq(&event.payload),
            payment_events::outcome.eq(Outcome::Ignored.as_str()),
        ))
        .on_conflict(payment_events::id)
        .do_nothing()
        .execute(conn)?;
    if inserted == 0 {
        return Ok(Outcome::Duplicate);
    }
    let tenant_id = match event.tenant_slug() {
        Some(slug) => tenants::table
            .filter(tenants::slug.eq(slug))
            .select(tenants::id)
            .first::<Uuid>(conn)
            .optional()?,
        None => None,
    };
    let outcome = match tenant_id {
        Some(tenant_id) => apply(conn, tenant_id, event, tax_rate_bp, now)?,
        None => Outcome::Ignored,
    };
    diesel::update(payment_events::table.find(&event.id))
        .set((
            payment_events::tenant_id.eq(tenant_id),
            payment_events::outcome.eq(outcome.as_str()),
        ))
        .execute(conn)?;
    Ok(outcome)
}

fn apply(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    event: &Event,
    tax_rate_bp: i32,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    if ![INVOICE_PAID, INVOICE_PAYMENT_FAILED, SUBSCRIPTION_DELETED].contains(&event.kind.as_str())
    {
        return Ok(Outcome::Ignored);
    }
    // A paid checkout for another plan moves the tenant to it. The tenant's
    // row is locked before the subscription's, in the order `set_plan`
    // takes them, so the two cannot deadlock.
    let new_plan = match (event.kind.as_str(), event.plan_code()) {
        (INVOICE_PAID, Some(code)) => find_plan(conn, code)?.map(|p| p.code),
        _ => None,
    };
    if new_plan.is_some() {
        tenants::table
            .find(tenant_id)
            .for_update()
            .select(tenants::id)
            .first::<Uuid>(conn)?;
    }
    // Locked until commit: events for one tenant apply one at a time, each
    // seeing the last one's `last_event_at`.
    let Some(sub) = subscriptions::table
        .find(tenant_id)
        .for_update()
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(Outcome::Ignored);
    };
    if sub.last_event_at.is_some_and(|last| event.created < last) {
        return Ok(Outcome::Stale);
    }
    let row = subscriptions::table.find(tenant_id);
    let created = event.created;
    match event.kind.as_str() {
        INVOICE_PAID => {
            if let Some(code) = &new_plan {
                diesel::update(tenants::table.find(tenant_id))
                    .filter(tenants::plan_code.ne(code))
                    .set((tenants::plan_code.eq(code), tenants::updated_at.eq(now)))
                    .execute(conn)?;
            }
            let (start, end) = match event.period() {
                Some(period) => period,
                None => (now, tenant_plan(conn, tenant_id)?.interval.after(now)),
            };
            diesel::update(row)
                .set((
                    subscriptions::status.eq(SubscriptionStatus::Active.as_str()),
                    subscriptions::past_due_since.eq(None::<DateTime<Utc>>),
                    subscriptions::current_period_start.eq(start),
                    subscriptions::current_period_end.eq(end),
                    subscriptions::last_event_at.eq(created),
                    subscriptions::updated_at.eq(now),
                ))
                .execute(conn)?;
            if let Some(customer) = event.object["customer"].as_str() {
                diesel::update(row)
                    .set(subscriptions::provider_customer_id.eq(customer))
                    .execute(conn)?;
            }
            let provider_invoice = event.object["id"].as_str().filter(|s| !s.is_empty());
            invoices::issue(
                conn,
                tenant_id,
                provider_invoice,
                start,
                end,
                tax_rate_bp,
                now,
            )?;
        }
        INVOICE_PAYMENT_FAILED => {
            diesel::update(row)
                .set((
                    subscriptions::status.eq(SubscriptionStatus::PastDue.as_str()),
                    subscriptions::past_due_since.eq(sub.past_due_since.or(Some(created))),
                    subscriptions::last_event_at.eq(created),
                    subscriptions::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        _ => {
            // The tenant is suspended when the period ends (the sweeper).
            diesel::update(row)
                .set((
                    subscriptions::status.eq(SubscriptionStatus::Canceled.as_str()),
                    subscriptions::canceled_at.eq(created),
                    subscriptions::last_event_at.eq(created),
                    subscriptions::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(Outcome::Applied)
}

#[cfg(test)]
#[path = "events_test.rs"]
mod tests;
