//! The operators' billing report: tenants per plan and status, monthly
//! recurring revenue per currency (yearly plans count a twelfth), what was
//! invoiced in a month, and the trials that end in the next 7 days.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::catalog::{Interval, SubscriptionStatus};
use kernel::schema::public::{invoices, plans, subscriptions, tenants};
use tenancy::{AdminError, TenantStatus};

#[derive(Debug, Serialize)]
pub struct PlanStatusCount {
    pub plan: String,
    pub status: String,
    pub tenants: i64,
}

#[derive(Debug, Serialize)]
pub struct Amount {
    pub currency: String,
    pub cents: i64,
}

#[derive(Debug, Serialize)]
pub struct TrialEnding {
    pub slug: String,
    pub plan: String,
    pub trial_ends_at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    /// YYYY-MM.
    pub month: String,
    pub tenants: Vec<PlanStatusCount>,
    /// Of active and past-due subscriptions now.
    pub mrr: Vec<Amount>,
    /// Invoices issued in the month.
    pub invoiced: Vec<Amount>,
    pub trials_ending: Vec<TrialEnding>,
}

/// "2026-11" -> the first instant of that month and of the next one.
pub fn parse_month(raw: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), AdminError> {
    let bad = || AdminError::invalid(format!("--month {raw:?} must look like 2026-11"));
    let (y, m) = raw.trim().split_once('-').ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(2000..=2999).contains(&year) || y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .ok_or_else(bad)?;
    let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default());
    Ok((at(start), at(next)))
}

pub fn report(
    conn: &mut PgConnection,
    month: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Report, AdminError> {
    let label = month
        .map(str::to_string)
        .unwrap_or_else(|| format!("{:04}-{:02}", now.year(), now.month()));
    let (from, to) = parse_month(&label)?;
    let live = tenants::status.ne(TenantStatus::Deleted);

    let rows: Vec<(String, String, i64, String, String)> = tenants::table
        .inner_join(subscriptions::table)
        .inner_join(plans::table)
        .filter(live)
        .select((
            tenants::plan_code,
            subscriptions::status,
            plans::price_cents,
            plans::currency,
            plans::billing_interval,
        ))
        .load(conn)?;
    let mut counts: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut mrr: BTreeMap<String, i64> = BTreeMap::new();
    for (plan, status, cents, currency, interval) in rows {
        let paying = matches!(
            SubscriptionStatus::parse(&status),
            Some(SubscriptionStatus::Active | SubscriptionStatus::PastDue)
        );
        if paying {
            let monthly = match Interval::parse(&interval) {
                Some(Interval::Year) => cents / 12,
                _ => cents,
            };
            *mrr.entry(currency).or_default() += monthly;
        }
        *counts.entry((plan, status)).or_default() += 1;
    }

    let invoiced: Vec<(String, i64)> = invoices::table
        .filter(invoices::issued_at.ge(from).and(invoices::issued_at.lt(to)))
        .select((invoices::currency, invoices::total_cents))
        .load(conn)?;
    let mut invoiced_sum: BTreeMap<String, i64> = BTreeMap::new();
    for (currency, cents) in invoiced {
        *invoiced_sum.entry(currency).or_default() += cents;
    }

    let trials_ending = tenants::table
        .inner_join(subscriptions::table)
        .filter(live)
        .filter(subscriptions::status.eq(SubscriptionStatus::Trialing.as_str()))
        .filter(subscriptions::trial_ends_at.ge(now))
        .filter(subscriptions::trial_ends_at.lt(now + Duration::days(7)))
        .order(subscriptions::trial_ends_at)
        .select((
            tenants::slug,
            tenants::plan_code,
            subscriptions::trial_ends_at,
        ))
        .load::<(String, String, Option<DateTime<Utc>>)>(conn)?
        .into_iter()
        .filter_map(|(slug, plan, at)| {
            at.map(|trial_ends_at| TrialEnding {
                slug,
                plan,
                trial_ends_at,
            })
        })
        .collect();

    let amounts = |m: BTreeMap<String, i64>| {
        m.into_iter()
            .map(|(currency, cents)| Amount { currency, cents })
            .collect()
    };
    Ok(Report {
        month: label,
        tenants: counts
            .into_iter()
            .map(|((plan, status), tenants)| PlanStatusCount {
                plan,
                status,
                tenants,
            })
            .collect(),
        mrr: amounts(mrr),
        invoiced: amounts(invoiced_sum),
        trials_ending,
    })
}
