//! Customer queries. Table names are unqualified: they run inside a tenant
//! transaction whose search_path picks the tenant's schema.

use chrono::{DateTime, Utc};
use diesel::dsl::{case_when, now};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use diesel::sql_types::{Bool, Nullable, Timestamptz};
use kernel::db::{FirstRows, PerTenant};
use uuid::Uuid;

use super::cursor::Cursor;
use super::error::CustomerError;
use super::listing::ListFilter;
use super::model::{Customer, CustomerChanges, NewCustomer, Page, ERASED_NAME};
use super::records::{Actor, CustomerData};
use identity::customer_accounts;
use kernel::schema::tenant::customers;
use kernel::values::{Email, Phone};

diesel::define_sql_function! {
    /// Keeps a timestamp that is already set, otherwise takes the given one.
    fn coalesce(x: Nullable<Timestamptz>, y: Timestamptz) -> Timestamptz;
}

/// The partial unique index on email is the one unique rule a client can
/// break; anything else stays a database error.
fn map_write_error(e: DbError) -> CustomerError {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("customers_email_idx") =>
        {
            CustomerError::EmailTaken
        }
        _ => CustomerError::Database(e),
    }
}

/// One page, newest first: a single query that fetches one row more than
/// asked so it knows whether another page follows.
pub fn list(conn: &mut PgConnection, filter: &ListFilter) -> Result<Page, CustomerError> {
    let mut query = customers::table
        .filter(customers::deleted_at.is_null())
        .select(Customer::as_select())
        .order((customers::created_at.desc(), customers::id.desc()))
        .into_boxed();
    if let Some(pattern) = &filter.pattern {
        let phone = filter.phone_pattern.as_deref().unwrap_or(pattern);
        query = query.filter(
            customers::name
                .ilike(pattern)
                .or(customers::email.ilike(pattern))
                .or(customers::phone.ilike(phone)),
        );
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(customers::tags.contains(vec![tag.as_str()]));
    }
    if let Some(after) = filter.after {
        // Rows strictly after the cursor in (created_at DESC, id DESC) order.
        // The first condition alone is an index range; the second settles ties.
        query = query.filter(
            customers::created_at.le(after.created_at).and(
                customers::created_at
                    .lt(after.created_at)
                    .or(customers::id.lt(after.id)),
            ),
        );
    }
    let rows = u32::try_from(filter.limit.saturating_add(1))
        .map_err(|_| CustomerError::InvalidLimit(filter.limit))?;
    // Planned once per connection and tenant (kernel::db::Kept's doc); the
    // first page binds nothing, so from its first run (FirstRows' doc).
    let mut items: Vec<Customer> = PerTenant(FirstRows::new(query, rows)).load(conn)?;
    let limit = usize::try_from(filter.limit).unwrap_or(usize::MAX);
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|last| {
            Cursor {
                created_at: last.created_at,
                id: last.id,
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

/// Customers neither deleted nor erased: what the plan's `customers` limit
/// counts.
pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
    customers::table
        .filter(customers::deleted_at.is_null())
        .filter(customers::erased_at.is_null())
        .count()
        .get_result(conn)
}

/// `create` by the business (API, back office), within the tenant's plan's
/// `customers` limit.
pub fn create_within_plan(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    new: &NewCustomer,
) -> Result<Customer, CustomerError> {
    billing::ensure_room(conn, tenant_id, billing::Limit::Customers, 1, count)?;
    create(conn, new)
}

pub fn create(conn: &mut PgConnection, new: &NewCustomer) -> Result<Customer, CustomerError> {
    // Consent is stamped with the database clock, like created_at.
    let consent_at = case_when(
        new.marketing_consent.into_sql::<Bool>(),
        now.into_sql::<Timestamptz>(),
    );
    diesel::insert_into(customers::table)
        .values((
            customers::id.eq(Uuid::new_v4()),
            customers::name.eq(new.name.as_str()),
            customers::email.eq(new.email.as_ref().map(Email::as_str)),
            customers::phone.eq(new.phone.as_ref().map(Phone::as_str)),
            customers::tags.eq(&new.tags),
            customers::marketing_consent.eq(new.marketing_consent),
            customers::consent_at.eq(consent_at),
            customers::notes.eq(&new.notes),
        ))
        .returning(Customer::as_returning())
        .get_result(conn)
        .map_err(map_write_error)
}

/// A live (not deleted) customer, erased or not.
pub fn find(conn: &mut PgConnection, id: Uuid) -> Result<Customer, CustomerError> {
    customers::table
        .find(id)
        .filter(customers::deleted_at.is_null())
        .select(Customer::as_select())
        .first(conn)
        .optional()?
        .ok_or(CustomerError::NotFound)
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &CustomerChanges,
) -> Result<Customer, CustomerError> {
    if changes.is_empty() {
        return find(conn, id);
    }
    let consent = changes.marketing_consent;
    let target = customers::table
        .find(id)
        .filter(customers::deleted_at.is_null())
        .filter(customers::erased_at.is_null());
    let updated = diesel::update(target)
        .set((
            changes
                .name
                .as_ref()
                .map(|v| customers::name.eq(v.as_str())),
            changes
                .email
                .as_ref()
                .map(|v| customers::email.eq(v.as_ref().map(Email::as_str))),
            changes
                .phone
                .as_ref()
                .map(|v| customers::phone.eq(v.as_ref().map(Phone::as_str))),
            changes.tags.as_ref().map(|v| customers::tags.eq(v)),
            changes.notes.as_ref().map(|v| customers::notes.eq(v)),
            consent.map(|v| customers::marketing_consent.eq(v)),
            // Giving consent again keeps the time it was first given;
            // withdrawing it clears the time.
            consent
                .filter(|given| *given)
                .map(|_| customers::consent_at.eq(coalesce(customers::consent_at, now).nullable())),
            consent
                .filter(|given| !*given)
                .map(|_| customers::consent_at.eq(None::<DateTime<Utc>>)),
            customers::updated_at.eq(now),
        ))
        .returning(Customer::as_returning())
        .get_result::<Customer>(conn)
        .optional()
        .map_err(map_write_error)?;
    match updated {
        Some(row) => Ok(row),
        // Nothing matched: tell "erased" apart from "not there".
        None => match find(conn, id)?.erased_at {
            Some(_) => Err(CustomerError::Erased),
            None => Err(CustomerError::NotFound),
        },
    }
}

pub fn soft_delete(conn: &mut PgConnection, id: Uuid) -> Result<(), CustomerError> {
    let deleted = diesel::update(
        customers::table
            .find(id)
            .filter(customers::deleted_at.is_null()),
    )
    .set((customers::deleted_at.eq(now), customers::updated_at.eq(now)))
    .execute(conn)?;
    if deleted == 0 {
        return Err(CustomerError::NotFound);
    }
    // A deleted record opens no account.
    customer_accounts::close(conn, id)?;
    Ok(())
}

/// Anonymises the personal fields and keeps the row. Erasing twice changes
/// nothing the second time.
pub fn erase(
    conn: &mut PgConnection,
    data: &CustomerData,
    who: &Actor,
    id: Uuid,
) -> Result<Customer, CustomerError> {
    let target = customers::table
        .find(id)
        .filter(customers::deleted_at.is_null())
        .filter(customers::erased_at.is_null());
    let erased = diesel::update(target)
        .set((
            customers::name.eq(ERASED_NAME),
            customers::email.eq(None::<String>),
            customers::phone.eq(None::<String>),
            customers::notes.eq(None::<String>),
            customers::tags.eq(Vec::<String>::new()),
            customers::marketing_consent.eq(false),
            customers::consent_at.eq(None::<DateTime<Utc>>),
            customers::erased_at.eq(now),
            customers::updated_at.eq(now),
        ))
        .returning(Customer::as_returning())
        .get_result::<Customer>(conn)
        .optional()?;
    match erased {
        Some(row) => {
            // The person's sign-in goes with their data: the account, its
            // sessions and its open links.
            customer_accounts::close(conn, id)?;
            data.erase(conn, who, id)?;
            Ok(row)
        }
        None => find(conn, id),
    }
}
