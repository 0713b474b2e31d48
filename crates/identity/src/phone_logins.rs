//! Customers who sign in with their phone number: the number, proven by a
//! code, opens the customer's record, as a verified email opens it for a
//! password account (`customer_accounts`). One number opens one record.

use diesel::prelude::*;
use uuid::Uuid;

use kernel::schema::tenant::{customer_phone_logins, customers, otp_codes};

/// The record this number signs in to, if it is still live.
pub fn find_by_phone(conn: &mut PgConnection, phone: &str) -> QueryResult<Option<Uuid>> {
    customer_phone_logins::table
        .inner_join(customers::table)
        .filter(customer_phone_logins::phone.eq(phone))
        .filter(customers::deleted_at.is_null())
        .select(customer_phone_logins::customer_id)
        .first(conn)
        .optional()
}

/// Lets `phone` sign in to `customer_id`; false when the number opens
/// another record already or the record has another number.
pub fn link(conn: &mut PgConnection, customer_id: Uuid, phone: &str) -> QueryResult<bool> {
    let inserted = diesel::insert_into(customer_phone_logins::table)
        .values((
            customer_phone_logins::customer_id.eq(customer_id),
            customer_phone_logins::phone.eq(phone),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(inserted == 1)
}

pub fn exists(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        customer_phone_logins::table.find(customer_id),
    ))
    .get_result(conn)
}

/// The signed-in view of a phone customer: name, contact email, number.
pub fn view(
    conn: &mut PgConnection,
    customer_id: Uuid,
) -> QueryResult<Option<(String, Option<String>, String)>> {
    customer_phone_logins::table
        .inner_join(customers::table)
        .filter(customer_phone_logins::customer_id.eq(customer_id))
        .filter(customers::deleted_at.is_null())
        .select((
            customers::name,
            customers::email,
            customer_phone_logins::phone,
        ))
        .first(conn)
        .optional()
}

/// Ends phone sign-in for a record being erased or deleted, with the
/// number's codes.
pub fn close(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<()> {
    let phone: Option<String> = diesel::delete(customer_phone_logins::table.find(customer_id))
        .returning(customer_phone_logins::phone)
        .get_result(conn)
        .optional()?;
    if let Some(phone) = phone {
        diesel::delete(otp_codes::table.filter(otp_codes::phone.eq(phone))).execute(conn)?;
    }
    Ok(())
}
