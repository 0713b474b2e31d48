//! Plans: what a tenant can be put on, and putting it there (operators,
//! through tenant-admin). Each change locks the tenant's row and writes its
//! operator_audit row in the same transaction.

use diesel::prelude::*;
use serde_json::json;

use kernel::schema::public::{plans, tenants};
use tenancy::lifecycle::{lock_tenant, record_audit};
use tenancy::AdminError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanChange {
    Changed {
        from: String,
        to: String,
    },
    /// The tenant was on that plan already; nothing was written.
    Unchanged(String),
}

/// The plans a tenant can be put on: (code, name, monthly price in cents, currency).
pub fn list_plans(
    conn: &mut PgConnection,
) -> Result<Vec<(String, String, i64, String)>, AdminError> {
    Ok(plans::table
        .order((plans::price_cents, plans::code))
        .select((
            plans::code,
            plans::name,
            plans::price_cents,
            plans::currency,
        ))
        .load(conn)?)
}

pub fn set_plan(
    conn: &mut PgConnection,
    slug: &str,
    plan: &str,
    actor: &str,
) -> Result<PlanChange, AdminError> {
    let known = list_plans(conn)?;
    if !known.iter().any(|(code, ..)| code == plan) {
        let codes: Vec<&str> = known.iter().map(|(code, ..)| code.as_str()).collect();
        return Err(AdminError::invalid(format!(
            "there is no plan {plan:?}; choose one of: {}",
            codes.join(", ")
        )));
    }
    conn.transaction(|conn| {
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
