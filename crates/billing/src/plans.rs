//! Plans: what a tenant can be put on (price, interval, trial, limits and
//! features), operators creating and changing them, and putting a tenant on
//! one. Each change writes its operator_audit row in the same transaction.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::catalog::{Feature, Interval, Limit};
use kernel::schema::public::{plans, subscriptions, tenants};
use kernel::values::Currency;
use tenancy::lifecycle::{lock_tenant, record_audit};
use tenancy::AdminError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub code: String,
    pub name: String,
    /// Per interval, in the currency's minor unit.
    pub price_cents: i64,
    pub currency: String,
    pub interval: Interval,
    pub trial_days: i32,
    /// Only the capped limits; a name absent here is unlimited.
    pub limits: BTreeMap<String, i64>,
    pub features: Vec<String>,
}

impl Plan {
    /// The plan's cap on `limit`; `None` is unlimited.
    pub fn limit(&self, limit: Limit) -> Option<i64> {
        self.limits.get(limit.as_str()).copied()
    }

    pub fn has(&self, feature: Feature) -> bool {
        self.features.iter().any(|f| f == feature.as_str())
    }
}

/// A plans row as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = plans)]
pub(crate) struct PlanRow {
    code: String,
    name: String,
    price_cents: i64,
    currency: String,
    billing_interval: String,
    trial_days: i32,
    limits: serde_json::Value,
    features: Vec<String>,
}

pub(crate) fn from_row(row: PlanRow) -> Plan {
    // The table's checks keep these well-formed; anything else is dropped
    // (an unknown name caps nothing the code checks).
    let limits = row
        .limits
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_i64().map(|n| (k.clone(), n)))
                .collect()
        })
        .unwrap_or_default();
    Plan {
        code: row.code,
        name: row.name,
        price_cents: row.price_cents,
        currency: row.currency,
        interval: Interval::parse(&row.billing_interval).unwrap_or(Interval::Month),
        trial_days: row.trial_days,
        limits,
        features: row.features,
    }
}

/// Every plan, cheapest first.
pub fn list_plans(conn: &mut PgConnection) -> QueryResult<Vec<Plan>> {
    Ok(plans::table
        .order((plans::price_cents, plans::code))
        .select(PlanRow::as_select())
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect())
}

pub fn find_plan(conn: &mut PgConnection, code: &str) -> QueryResult<Option<Plan>> {
    Ok(plans::table
        .find(code)
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?
        .map(from_row))
}

/// What an operator sets on a plan; `None` leaves a value as it is (or
/// takes the default, on creation).
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub name: Option<String>,
    pub price_cents: Option<i64>,
    pub currency: Option<String>,
    pub interval: Option<String>,
    pub trial_days: Option<i32>,
    /// `NAME=N` caps a limit, `NAME=none` lifts it.
    pub limits: Vec<String>,
    pub add_features: Vec<String>,
    pub remove_features: Vec<String>,
}

fn parse_code(code: &str) -> Result<String, AdminError> {
    let ok = !code.is_empty()
        && code.len() <= 32
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && code.starts_with(|c: char| c.is_ascii_lowercase());
    if ok {
        Ok(code.to_string())
    } else {
        Err(AdminError::invalid(format!(
            "plan code {code:?} must be 1 to 32 lower-case letters, digits, '-' or '_', starting with a letter"
        )))
    }
}

fn parse_limit(raw: &str) -> Result<(Limit, Option<i64>), AdminError> {
    let (name, value) = raw.split_once('=').ok_or_else(|| {
        AdminError::invalid(format!(
            "--limit {raw:?} must look like NAME=N or NAME=none"
        ))
    })?;
    let limit = Limit::parse(name.trim()).ok_or_else(|| {
        AdminError::invalid(format!(
            "there is no limit {name:?}; limits are: {}",
            Limit::choices()
        ))
    })?;
    let value = value.trim();
    if value.eq_ignore_ascii_case("none") {
        return Ok((limit, None));
    }
    match value.parse::<i64>() {
        Ok(n) if (0..=1_000_000_000).contains(&n) => Ok((limit, Some(n))),
        _ => Err(AdminError::invalid(format!(
            "--limit {name}={value}: the value must be a whole number from 0 to 1000000000, or none"
        ))),
    }
}

fn parse_feature(raw: &str) -> Result<Feature, AdminError> {
    Feature::parse(raw.trim()).ok_or_else(|| {
        AdminError::invalid(format!(
            "there is no feature {raw:?}; features are: {}",
            Feature::choices()
        ))
    })
}

/// Applies `input` over `plan` (a new plan starts from defaults).
fn apply(mut plan: Plan, input: &PlanInput) -> Result<Plan, AdminError> {
    if let Some(name) = &input.name {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AdminError::invalid(
                "--name must be between 1 and 100 characters",
            ));
        }
        plan.name = name.to_string();
    }
    if let Some(cents) = input.price_cents {
        if !(0..=10_000_000_000).contains(&cents) {
            return Err(AdminError::invalid(
                "--price-cents must be a whole number from 0 to 10000000000",
            ));
        }
        plan.price_cents = cents;
    }
    if let Some(currency) = &input.currency {
        plan.currency = Currency::parse(currency)
            .map_err(|e| AdminError::invalid(format!("--currency: {e}")))?
            .as_str()
            .to_string();
    }
    if let Some(interval) = &input.interval {
        plan.interval = Interval::parse(interval.trim()).ok_or_else(|| {
            AdminError::invalid(format!(
                "--interval {interval:?} must be one of: {}",
                Interval::choices()
            ))
        })?;
    }
    if let Some(days) = input.trial_days {
        if !(0..=3650).contains(&days) {
            return Err(AdminError::invalid(
                "--trial-days must be a whole number from 0 to 3650",
            ));
        }
        plan.trial_days = days;
    }
    for raw in &input.limits {
        match parse_limit(raw)? {
            (limit, Some(n)) => {
                plan.limits.insert(limit.as_str().to_string(), n);
            }
            (limit, None) => {
                plan.limits.remove(limit.as_str());
            }
        }
    }
    for raw in &input.add_features {
        let feature = parse_feature(raw)?;
        if !plan.has(feature) {
            plan.features.push(feature.as_str().to_string());
        }
    }
    for raw in &input.remove_features {
        let feature = parse_feature(raw)?;
        if input
            .add_features
            .iter()
            .any(|f| f.trim() == feature.as_str())
        {
            return Err(AdminError::invalid(format!(
                "--feature {0} and --no-feature {0} contradict each other",
                feature.as_str()
            )));
        }
        plan.features.retain(|f| f != feature.as_str());
    }
    // Stored in the catalog's order, so listings read the same everywhere.
    plan.features = Feature::ALL
        .iter()
        .filter(|f| plan.features.iter().any(|x| x == f.as_str()))
        .map(|f| f.as_str().to_string())
        .collect();
    Ok(plan)
}

fn limits_json(plan: &Plan) -> serde_json::Value {
    serde_json::Value::Object(
        plan.limits
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect(),
    )
}

/// Creates a plan. `--name` and `--price-cents` are required; the currency
/// defaults to EUR, the interval to month, the trial to none.
pub fn create_plan(
    conn: &mut PgConnection,
    code: &str,
    input: &PlanInput,
    actor: &str,
) -> Result<Plan, AdminError> {
    let code = parse_code(code)?;
    if input.name.is_none() || input.price_cents.is_none() {
        return Err(AdminError::invalid(
            "a new plan needs --name and --price-cents",
        ));
    }
    let blank = Plan {
        code: code.clone(),
        name: String::new(),
        price_cents: 0,
        currency: "EUR".into(),
        interval: Interval::Month,
        trial_days: 0,
        limits: BTreeMap::new(),
        features: Vec::new(),
    };
    let plan = apply(blank, input)?;
    conn.transaction(|conn| {
        let inserted = diesel::insert_into(plans::table)
            .values((
                plans::code.eq(&plan.code),
                plans::name.eq(&plan.name),
                plans::price_cents.eq(plan.price_cents),
                plans::currency.eq(&plan.currency),
                plans::billing_interval.eq(plan.interval.as_str()),
                plans::trial_days.eq(plan.trial_days),
                plans::limits.eq(limits_json(&plan)),
                plans::features.eq(&plan.features),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
        if inserted == 0 {
            return Err(AdminError::conflict(format!(
                "plan {code} exists already; change it with `plans update {code}`"
            )));
        }
        record_audit(conn, actor, "plan.create", None, json!(plan))?;
        Ok(plan)
    })
}

/// Changes a plan; tenants on it get the new limits and features at once.
pub fn update_plan(
    conn: &mut PgConnection,
    code: &str,
    input: &PlanInput,
    actor: &str,
) -> Result<Plan, AdminError> {
    conn.transaction(|conn| {
        let current = plans::table
            .find(code)
            .select(PlanRow::as_select())
            .for_update()
            .first(conn)
            .optional()?
            .map(from_row)
            .ok_or_else(|| unknown_plan(conn, code))?;
        let plan = apply(current.clone(), input)?;
        diesel::update(plans::table.find(code))
            .set((
                plans::name.eq(&plan.name),
                plans::price_cents.eq(plan.price_cents),
                plans::currency.eq(&plan.currency),
                plans::billing_interval.eq(plan.interval.as_str()),
                plans::trial_days.eq(plan.trial_days),
                plans::limits.eq(limits_json(&plan)),
                plans::features.eq(&plan.features),
                plans::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)?;
        record_audit(
            conn,
            actor,
            "plan.update",
            None,
            json!({ "from": current, "to": plan }),
        )?;
        Ok(plan)
    })
}

/// "there is no plan X; choose one of: a, b" (bad input: exit 2).
pub(crate) fn unknown_plan(conn: &mut PgConnection, code: &str) -> AdminError {
    let codes: Vec<String> = plans::table
        .order(plans::price_cents)
        .select(plans::code)
        .load(conn)
        .unwrap_or_default();
    AdminError::invalid(format!(
        "there is no plan {code:?}; choose one of: {}",
        codes.join(", ")
    ))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanChange {
    Changed {
        from: String,
        to: String,
    },
    /// The tenant was on that plan already; nothing was written.
    Unchanged(String),
}

/// Moves a tenant to another plan (operators). The subscription keeps its
/// status and period; the new limits apply at once.
pub fn set_plan(
    conn: &mut PgConnection,
    slug: &str,
    plan: &str,
    actor: &str,
) -> Result<PlanChange, AdminError> {
    conn.transaction(|conn| {
        if find_plan(conn, plan)?.is_none() {
            return Err(unknown_plan(conn, plan));
        }
        let row = lock_tenant(conn, slug)?;
        if row.plan_code == plan {
            return Ok(PlanChange::Unchanged(row.plan_code));
        }
        diesel::update(tenants::table.find(row.id))
            .set((
                tenants::plan_code.eq(plan),
                tenants::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)?;
        // Servers cache what a tenant's plan allows with the tenant: touching
        // the subscription tells them (its trigger notifies).
        diesel::update(subscriptions::table.find(row.id))
            .set(subscriptions::updated_at.eq(diesel::dsl::now))
            .execute(conn)?;
        record_audit(
            conn,
            actor,
            "tenant.plan",
            Some(row.id),
            json!({ "slug": row.slug, "from": row.plan_code, "to": plan }),
        )?;
        Ok(PlanChange::Changed {
            from: row.plan_code,
            to: plan.to_string(),
        })
    })
}

#[cfg(test)]
#[path = "plans_test.rs"]
mod tests;
