//! A tenant's subscription: started with the tenant (a trial when its plan
//! has one), shown to its owner with the plan's limits and what is used of
//! each, and moved by the payment provider's events (`events`).

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::catalog::{Limit, SubscriptionStatus};
use crate::limits::tenant_plan;
use crate::plans::Plan;
use kernel::error::AppError;
use kernel::schema::public::subscriptions;
use tenancy::AdminError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subscriptions)]
pub struct SubscriptionRow {
    pub tenant_id: Uuid,
    pub status: String,
    pub current_period_start: DateTime<Utc>,
    pub current_period_end: DateTime<Utc>,
    pub trial_ends_at: Option<DateTime<Utc>>,
    pub past_due_since: Option<DateTime<Utc>>,
    pub canceled_at: Option<DateTime<Utc>>,
    pub last_event_at: Option<DateTime<Utc>>,
}

impl SubscriptionRow {
    pub fn status(&self) -> Result<SubscriptionStatus, AppError> {
        SubscriptionStatus::parse(&self.status).ok_or_else(|| {
            AppError::internal(format!("unknown subscription status {}", self.status))
        })
    }
}

/// The subscription of a tenant just created: a trial of the plan's length,
/// or (a plan without a trial) a first period. Runs inside the creation
/// transaction.
pub fn start(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AdminError> {
    let plan = tenant_plan(conn, tenant_id).map_err(|e| AdminError::failed(e.to_string()))?;
    let (status, end, trial_end) = if plan.trial_days > 0 {
        let end = now + Duration::days(i64::from(plan.trial_days));
        (SubscriptionStatus::Trialing, end, Some(end))
    } else {
        (SubscriptionStatus::Active, plan.interval.after(now), None)
    };
    diesel::insert_into(subscriptions::table)
        .values((
            subscriptions::tenant_id.eq(tenant_id),
            subscriptions::status.eq(status.as_str()),
            subscriptions::current_period_start.eq(now),
            subscriptions::current_period_end.eq(end),
            subscriptions::trial_ends_at.eq(trial_end),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut PgConnection, tenant_id: Uuid) -> QueryResult<Option<SubscriptionRow>> {
    subscriptions::table
        .find(tenant_id)
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

/// Counts how many of a limit's things a tenant has; each domain registers
/// its own (bookings: staff and services; customers: customers).
pub type Meter = fn(&mut PgConnection) -> QueryResult<i64>;

/// The meters the subscription view reads, registered at start-up.
#[derive(Default, Clone)]
pub struct UsageMeters(Vec<(Limit, Meter)>);

impl UsageMeters {
    pub fn with(mut self, limit: Limit, meter: Meter) -> Self {
        self.0.push((limit, meter));
        self
    }

    fn meter(&self, limit: Limit) -> Option<Meter> {
        self.0.iter().find(|(l, _)| *l == limit).map(|(_, m)| *m)
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LimitUsage {
    /// staff, services, customers, patients, products or storage_mb.
    pub limit: String,
    /// The plan's cap; absent: unlimited.
    pub value: Option<i64>,
    /// How many are in use; absent where nothing counts it yet.
    pub used: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlanSummary {
    pub code: String,
    pub name: String,
    /// Per interval, in the currency's minor unit.
    pub price_cents: i64,
    pub currency: String,
    /// month or year.
    pub interval: String,
    pub trial_days: i32,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SubscriptionView {
    pub plan: PlanSummary,
    /// trialing, active, past_due or canceled.
    pub status: String,
    pub current_period_start: DateTime<Utc>,
    pub current_period_end: DateTime<Utc>,
    pub trial_ends_at: Option<DateTime<Utc>>,
    pub past_due_since: Option<DateTime<Utc>>,
    /// When writes stop if nothing is paid (past due only).
    pub read_only_from: Option<DateTime<Utc>>,
    /// The site is suspended when the period ends (canceled only).
    pub canceled_at: Option<DateTime<Utc>>,
    pub limits: Vec<LimitUsage>,
    pub features: Vec<String>,
}

pub fn summary(plan: &Plan) -> PlanSummary {
    PlanSummary {
        code: plan.code.clone(),
        name: plan.name.clone(),
        price_cents: plan.price_cents,
        currency: plan.currency.clone(),
        interval: plan.interval.as_str().to_string(),
        trial_days: plan.trial_days,
    }
}

/// The tenant's subscription with its plan and usage. Runs in the tenant's
/// transaction (the meters count its tables).
pub fn view(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    meters: &UsageMeters,
    grace_days: i64,
) -> Result<SubscriptionView, AppError> {
    let plan = tenant_plan(conn, tenant_id)?;
    let sub = find(conn, tenant_id)?
        .ok_or_else(|| AppError::not_found("no_subscription", "This site has no subscription."))?;
    let mut limits = Vec::new();
    for limit in Limit::ALL {
        let used = match meters.meter(*limit) {
            Some(meter) => Some(meter(conn)?),
            None => None,
        };
        limits.push(LimitUsage {
            limit: limit.as_str().to_string(),
            value: plan.limit(*limit),
            used,
        });
    }
    Ok(SubscriptionView {
        status: sub.status()?.as_str().to_string(),
        current_period_start: sub.current_period_start,
        current_period_end: sub.current_period_end,
        trial_ends_at: sub.trial_ends_at,
        past_due_since: sub.past_due_since,
        read_only_from: sub.past_due_since.map(|at| at + Duration::days(grace_days)),
        canceled_at: sub.canceled_at,
        limits,
        features: plan.features.clone(),
        plan: summary(&plan),
    })
}
