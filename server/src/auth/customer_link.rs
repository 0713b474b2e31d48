//! A self-registered account is also a customer of the tenant: the
//! customers row (tenant schema) that points to it. Runs in the tenant
//! transaction of the registration, so search_path picks the tenant.

use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::tenant::customers;

/// Makes sure the tenant has a customer row for this account: keeps one that
/// exists, claims one staff created earlier with the same email, or adds one.
pub fn ensure_customer(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &str,
    email: &str,
) -> QueryResult<()> {
    let linked: i64 = customers::table
        .filter(customers::user_id.eq(user_id))
        .filter(customers::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    if linked > 0 {
        return Ok(());
    }
    let claimed = diesel::update(
        customers::table
            .filter(customers::email.eq(email))
            .filter(customers::user_id.is_null())
            .filter(customers::deleted_at.is_null()),
    )
    .set((
        customers::user_id.eq(user_id),
        customers::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)?;
    if claimed > 0 {
        return Ok(());
    }
    diesel::insert_into(customers::table)
        .values((
            customers::id.eq(Uuid::new_v4()),
            customers::user_id.eq(user_id),
            customers::name.eq(name),
            customers::email.eq(email),
        ))
        .execute(conn)
        .map(|_| ())
}
