//! How other capabilities find or make a tenant's customer record: for a
//! self-registered account (auth), and for a guest who books (bookings). The
//! SQL stays with the customers capability, which owns the table; callers run
//! it inside their own tenant transaction.

use diesel::prelude::*;
use uuid::Uuid;

use crate::error::CustomerError;
use kernel::error::AppError;
use kernel::schema::tenant::customers;
use kernel::values::{Email, PersonName};

/// Makes sure the tenant has a customer row for this account: keeps one that
/// exists, claims one staff created earlier with the same email, or adds one.
pub fn ensure_customer(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &PersonName,
    email: &Email,
) -> Result<(), CustomerError> {
    let email = email.as_str();
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
            customers::name.eq(name.as_str()),
            customers::email.eq(email),
        ))
        .execute(conn)?;
    Ok(())
}

pub struct Person {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// The live customer with this email, created if there is none. Concurrent
/// bookings by one new person meet at the unique email index: one inserts,
/// the others wait for it and then find its row.
pub fn find_or_create(
    conn: &mut PgConnection,
    person: &Person,
    user_id: Option<Uuid>,
) -> Result<Uuid, CustomerError> {
    let inserted: Option<Uuid> = diesel::insert_into(customers::table)
        .values((
            customers::id.eq(Uuid::new_v4()),
            customers::user_id.eq(user_id),
            customers::name.eq(&person.name),
            customers::email.eq(&person.email),
            customers::phone.eq(&person.phone),
        ))
        .on_conflict(customers::email)
        .filter_target(customers::deleted_at.is_null())
        .do_nothing()
        .returning(customers::id)
        .get_result(conn)
        .optional()?;
    if let Some(id) = inserted {
        return Ok(id);
    }
    customers::table
        .filter(customers::email.eq(&person.email))
        .filter(customers::deleted_at.is_null())
        .select(customers::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            CustomerError::Platform(AppError::internal(
                "customer vanished between insert and select",
            ))
        })
}

/// The customer record of a signed-in customer account, if any.
pub fn of_user(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<(Uuid, Option<String>, String)>, CustomerError> {
    Ok(customers::table
        .filter(customers::user_id.eq(user_id))
        .filter(customers::deleted_at.is_null())
        .select((customers::id, customers::email, customers::name))
        .first(conn)
        .optional()?)
}
