//! How other capabilities find or make a tenant's customer record: for a
//! proven sign-up (its account opens the record), and for a guest who
//! books (bookings). The
//! SQL stays with the customers capability, which owns the table; callers run
//! it inside their own tenant transaction.

use diesel::prelude::*;
use uuid::Uuid;

use crate::error::CustomerError;
use kernel::error::AppError;
use kernel::schema::tenant::customers;
use kernel::values::{Email, PersonName};

/// The live record with this email (a guest's bookings, or one staff
/// made), else a new one: what a proven sign-up opens an account on.
pub fn claim_or_create(
    conn: &mut PgConnection,
    name: &PersonName,
    email: &Email,
    marketing_consent: bool,
) -> Result<Uuid, CustomerError> {
    let person = Person {
        name: name.as_str().to_string(),
        email: email.as_str().to_string(),
        phone: None,
    };
    let id = find_or_create(conn, &person)?;
    if marketing_consent {
        diesel::update(
            customers::table
                .find(id)
                .filter(customers::marketing_consent.eq(false)),
        )
        .set((
            customers::marketing_consent.eq(true),
            customers::consent_at.eq(diesel::dsl::now),
            customers::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    }
    Ok(id)
}

pub struct Person {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// The live customer with this email, created if there is none. Concurrent
/// bookings by one new person meet at the unique email index: one inserts,
/// the others wait for it and then find its row.
pub fn find_or_create(conn: &mut PgConnection, person: &Person) -> Result<Uuid, CustomerError> {
    let inserted: Option<Uuid> = diesel::insert_into(customers::table)
        .values((
            customers::id.eq(Uuid::new_v4()),
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

/// The live record a signed-in customer account opens (its id is the
/// record's), with its email and name.
pub fn of_account(
    conn: &mut PgConnection,
    customer_id: Uuid,
) -> Result<Option<(Uuid, Option<String>, String)>, CustomerError> {
    Ok(customers::table
        .find(customer_id)
        .filter(customers::deleted_at.is_null())
        .select((customers::id, customers::email, customers::name))
        .first(conn)
        .optional()?)
}
