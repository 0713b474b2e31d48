//! The operator_audit trail: who did what to which tenant, and when.

use diesel::prelude::*;
use uuid::Uuid;

use kernel::schema::public::operator_audit;

/// The operator as the shell knows them; "operator" when it does not (cron,
/// containers).
pub fn operator_name() -> String {
    std::env::var("USER")
        .ok()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "operator".to_string())
}

pub fn record(
    conn: &mut PgConnection,
    actor: &str,
    action: &str,
    tenant_id: Option<Uuid>,
    detail: serde_json::Value,
) -> QueryResult<()> {
    diesel::insert_into(operator_audit::table)
        .values((
            operator_audit::actor.eq(actor),
            operator_audit::action.eq(action),
            operator_audit::tenant_id.eq(tenant_id),
            operator_audit::detail.eq(detail),
        ))
        .execute(conn)
        .map(|_| ())
}
