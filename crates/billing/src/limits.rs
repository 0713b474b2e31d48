//! Plan limits and features, checked where things are created. Every domain
//! calls the same two functions inside the transaction that creates the
//! thing, so the check and the insert are one atomic step.
//!
//! A capped create takes a transaction-scoped advisory lock on (tenant,
//! limit) before counting: concurrent creates of the same kind queue on it
//! and each counts what the one before it committed, so the last seat goes
//! to exactly one of them. Uncapped limits take no lock and cost one query.

use diesel::prelude::*;
use diesel::sql_types::Text;
use serde_json::json;
use uuid::Uuid;

use crate::catalog::{Feature, Limit};
use crate::plans::{from_row, list_plans, Plan, PlanRow};
use kernel::error::AppError;
use kernel::schema::public::{plans, tenants};

/// The plan the tenant is on.
pub fn tenant_plan(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Plan, AppError> {
    tenants::table
        .inner_join(plans::table)
        .filter(tenants::id.eq(tenant_id))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?
        .map(from_row)
        .ok_or_else(|| AppError::internal(format!("tenant {tenant_id} has no plan")))
}

/// Makes sure the tenant's plan has room for `adding` more of `limit`, with
/// `count` giving how many there are now (run after the lock). Call it in
/// the transaction that then creates them.
pub fn ensure_room<F>(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    limit: Limit,
    adding: i64,
    count: F,
) -> Result<(), AppError>
where
    F: FnOnce(&mut PgConnection) -> QueryResult<i64>,
{
    let plan = tenant_plan(conn, tenant_id)?;
    let Some(cap) = plan.limit(limit) else {
        return Ok(());
    };
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind::<Text, _>(format!("plan-limit:{tenant_id}:{}", limit.as_str()))
        .execute(conn)?;
    let used = count(conn)?;
    if used.saturating_add(adding) <= cap {
        return Ok(());
    }
    let needed = used.saturating_add(adding);
    let lifting: Vec<String> = list_plans(conn)?
        .into_iter()
        .filter(|p| p.limit(limit).is_none_or(|c| c >= needed))
        .map(|p| p.code)
        .collect();
    let advice = if lifting.is_empty() {
        "Remove some first.".to_string()
    } else {
        format!(
            "Remove some first, or move to a plan that allows more: {}.",
            lifting.join(", ")
        )
    };
    Err(AppError::forbidden(
        "plan_limit_reached",
        format!(
            "The {} plan allows {cap} {}, and {used} are in use. {advice}",
            plan.name,
            limit.noun()
        ),
    )
    .with("limit", limit.as_str())
    .with("value", cap)
    .with("used", used)
    .with("plans", json!(lifting)))
}

/// Whether the tenant's plan includes `feature`, for work that leaves out
/// what the plan lacks rather than refusing (an SMS reminder when the plan
/// has no `sms`: the mail still goes).
pub fn has_feature(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    feature: Feature,
) -> QueryResult<bool> {
    let features: Option<Vec<String>> = tenants::table
        .inner_join(plans::table)
        .filter(tenants::id.eq(tenant_id))
        .select(plans::features)
        .first(conn)
        .optional()?;
    Ok(features.is_some_and(|f| f.iter().any(|x| x == feature.as_str())))
}

/// Refuses what the tenant's plan does not include.
pub fn require_feature(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    feature: Feature,
) -> Result<(), AppError> {
    let plan = tenant_plan(conn, tenant_id)?;
    if plan.has(feature) {
        return Ok(());
    }
    let with: Vec<String> = list_plans(conn)?
        .into_iter()
        .filter(|p| p.has(feature))
        .map(|p| p.code)
        .collect();
    let advice = if with.is_empty() {
        String::new()
    } else {
        format!(" Plans that include it: {}.", with.join(", "))
    };
    Err(AppError::forbidden(
        "feature_not_in_plan",
        format!(
            "The {} plan does not include {}.{advice}",
            plan.name,
            feature.as_str().replace('_', " ")
        ),
    )
    .with("feature", feature.as_str())
    .with("plans", json!(with)))
}
