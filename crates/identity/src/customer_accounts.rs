//! Customer accounts: how a business's customers sign in on its site. They
//! live in the tenant's schema (`customer_accounts`, `customer_tokens`), so
//! an account on one site is unknown to every other site: registering here
//! can neither reveal nor take over an account anywhere else. Every query
//! runs inside the tenant's transaction (`kernel::db::with_tenant`).
//!
//! The customer record an account opens belongs to the customers
//! capability; this module only names it by id.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use uuid::Uuid;

use super::refresh::{self, Account};
use super::secrets;
use kernel::schema::tenant::{customer_accounts, customer_tokens, customers};

/// An account with the name of its record (read for greetings and the
/// signed-in view only).
#[derive(Debug, Clone, Queryable)]
pub struct AccountRow {
    pub customer_id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub verified_at: DateTime<Utc>,
    pub name: String,
}

type WithName = (
    customer_accounts::customer_id,
    customer_accounts::email,
    customer_accounts::password_hash,
    customer_accounts::verified_at,
    customers::name,
);
const WITH_NAME: WithName = (
    customer_accounts::customer_id,
    customer_accounts::email,
    customer_accounts::password_hash,
    customer_accounts::verified_at,
    customers::name,
);

/// The account signing in with this (lower-cased) email.
pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<AccountRow>> {
    customer_accounts::table
        .inner_join(customers::table)
        .filter(customer_accounts::email.eq(email))
        .filter(customers::deleted_at.is_null())
        .select(WITH_NAME)
        .first(conn)
        .optional()
}

pub fn find(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<Option<AccountRow>> {
    customer_accounts::table
        .inner_join(customers::table)
        .filter(customer_accounts::customer_id.eq(customer_id))
        .filter(customers::deleted_at.is_null())
        .select(WITH_NAME)
        .first(conn)
        .optional()
}

/// Whether the record can still be signed in to, by password or by phone
/// (not closed by an erase or a deletion).
pub fn is_open(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<bool> {
    let by_password: bool = diesel::select(diesel::dsl::exists(
        customer_accounts::table.find(customer_id),
    ))
    .get_result(conn)?;
    Ok(by_password || super::phone_logins::exists(conn, customer_id)?)
}

/// Opens an account on a customer record; false when the record has one
/// already or the email signs in to another record.
pub fn open(
    conn: &mut PgConnection,
    customer_id: Uuid,
    email: &str,
    password_hash: &str,
) -> QueryResult<bool> {
    diesel::insert_into(customer_accounts::table)
        .values((
            customer_accounts::customer_id.eq(customer_id),
            customer_accounts::email.eq(email),
            customer_accounts::password_hash.eq(password_hash),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

pub fn set_password(
    conn: &mut PgConnection,
    customer_id: Uuid,
    password_hash: &str,
) -> QueryResult<Option<AccountRow>> {
    diesel::update(customer_accounts::table.find(customer_id))
        .set((
            customer_accounts::password_hash.eq(password_hash),
            customer_accounts::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    find(conn, customer_id)
}

/// Closes the account of a record being erased or deleted: no more
/// sign-in, every session signed out, every open link dead.
pub fn close(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<()> {
    let email: Option<String> = customer_accounts::table
        .find(customer_id)
        .select(customer_accounts::email)
        .first(conn)
        .optional()?;
    diesel::delete(customer_accounts::table.find(customer_id)).execute(conn)?;
    diesel::delete(customer_tokens::table.filter(customer_tokens::customer_id.eq(customer_id)))
        .execute(conn)?;
    if let Some(email) = email {
        diesel::delete(customer_tokens::table.filter(customer_tokens::email.eq(email)))
            .execute(conn)?;
    }
    super::phone_logins::close(conn, customer_id)?;
    refresh::revoke_all(conn, Account::Customer(customer_id))?;
    Ok(())
}

kernel::text_enum! {
    /// What a mailed customer link is for.
    pub enum LinkPurpose {
        Signup => "signup",
        PasswordReset => "password_reset",
    }
}

impl LinkPurpose {
    /// A reset link is a key to the account: short-lived. A sign-up link
    /// only proves the address, so it may wait a day.
    fn ttl(self) -> Duration {
        match self {
            LinkPurpose::Signup => Duration::hours(24),
            LinkPurpose::PasswordReset => Duration::hours(1),
        }
    }
}

/// A sign-up waiting for its address to answer.
#[derive(Debug, Clone)]
pub struct PendingSignup {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub marketing_consent: bool,
}

/// How many dead links (used or expired) each new link clears away.
const PRUNE_BATCH: i64 = 50;

/// Clears away some of the site's dead links, whoever they were for.
/// Run as each new link is made, so the table holds the open links and
/// little more without a sweep over every tenant: every link made clears
/// up to `PRUNE_BATCH` dead ones, more than it can ever leave behind.
pub fn prune_dead_links(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM customer_tokens WHERE id IN (SELECT id FROM customer_tokens \
         WHERE used_at IS NOT NULL OR expires_at <= now() LIMIT $1)",
    )
    .bind::<diesel::sql_types::BigInt, _>(PRUNE_BATCH)
    .execute(conn)
}

/// Stores a sign-up and returns its link token. Earlier open sign-ups of
/// the address stay valid: each carries the password typed with it, so
/// a stranger's sign-up for someone else's address never changes what
/// that person's own link sets.
pub fn create_signup(conn: &mut PgConnection, signup: &PendingSignup) -> QueryResult<String> {
    prune_dead_links(conn)?;
    let token = secrets::generate();
    diesel::insert_into(customer_tokens::table)
        .values((
            customer_tokens::id.eq(Uuid::new_v4()),
            customer_tokens::purpose.eq(LinkPurpose::Signup),
            customer_tokens::email.eq(&signup.email),
            customer_tokens::name.eq(&signup.name),
            customer_tokens::password_hash.eq(&signup.password_hash),
            customer_tokens::marketing_consent.eq(signup.marketing_consent),
            customer_tokens::token_hash.eq(&token.hash),
            customer_tokens::expires_at.eq(Utc::now() + LinkPurpose::Signup.ttl()),
        ))
        .execute(conn)?;
    Ok(token.plain)
}

/// Uses up a sign-up link: its sign-up when valid (unused, unexpired). The
/// address's other open sign-ups die with it, so an older link (perhaps a
/// stranger's) cannot later replace the password chosen now.
pub fn consume_signup(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<PendingSignup>> {
    type Row = (String, Option<String>, Option<String>, bool);
    let found: Option<Row> = customer_tokens::table
        .filter(open_links(LinkPurpose::Signup))
        .filter(customer_tokens::token_hash.eq(token_hash))
        .select((
            customer_tokens::email,
            customer_tokens::name,
            customer_tokens::password_hash,
            customer_tokens::marketing_consent,
        ))
        .for_update()
        .first(conn)
        .optional()?;
    let Some((email, Some(name), Some(password_hash), marketing_consent)) = found else {
        return Ok(None);
    };
    use_up_links(conn, &email, LinkPurpose::Signup)?;
    Ok(Some(PendingSignup {
        email,
        name,
        password_hash,
        marketing_consent,
    }))
}

/// A new reset link for an account; earlier ones stop working.
pub fn create_reset(conn: &mut PgConnection, account: &AccountRow) -> QueryResult<String> {
    use_up_links(conn, &account.email, LinkPurpose::PasswordReset)?;
    prune_dead_links(conn)?;
    let token = secrets::generate();
    diesel::insert_into(customer_tokens::table)
        .values((
            customer_tokens::id.eq(Uuid::new_v4()),
            customer_tokens::purpose.eq(LinkPurpose::PasswordReset),
            customer_tokens::email.eq(&account.email),
            customer_tokens::customer_id.eq(account.customer_id),
            customer_tokens::token_hash.eq(&token.hash),
            customer_tokens::expires_at.eq(Utc::now() + LinkPurpose::PasswordReset.ttl()),
        ))
        .execute(conn)?;
    Ok(token.plain)
}

/// Whether a reset link is valid now, without using it up (a cheap look
/// before hashing the new password).
pub fn reset_is_valid(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        customer_tokens::table
            .filter(open_links(LinkPurpose::PasswordReset))
            .filter(customer_tokens::token_hash.eq(token_hash)),
    ))
    .get_result(conn)
}

/// Uses up a reset link: the account it resets, when valid.
pub fn consume_reset(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<Uuid>> {
    let found: Option<(Uuid, Option<Uuid>)> = customer_tokens::table
        .filter(open_links(LinkPurpose::PasswordReset))
        .filter(customer_tokens::token_hash.eq(token_hash))
        .select((customer_tokens::id, customer_tokens::customer_id))
        .for_update()
        .first(conn)
        .optional()?;
    let Some((id, customer_id)) = found else {
        return Ok(None);
    };
    diesel::update(customer_tokens::table.find(id))
        .set(customer_tokens::used_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(customer_id)
}

/// The links of `purpose` that still work (unused, unexpired).
fn open_links(
    purpose: LinkPurpose,
) -> Box<dyn BoxableExpression<customer_tokens::table, diesel::pg::Pg, SqlType = Bool>> {
    Box::new(
        customer_tokens::purpose
            .eq(purpose)
            .and(customer_tokens::used_at.is_null())
            .and(customer_tokens::expires_at.gt(diesel::dsl::now)),
    )
}

fn use_up_links(conn: &mut PgConnection, email: &str, purpose: LinkPurpose) -> QueryResult<usize> {
    diesel::update(
        customer_tokens::table
            .filter(customer_tokens::email.eq(email))
            .filter(customer_tokens::purpose.eq(purpose))
            .filter(customer_tokens::used_at.is_null()),
    )
    .set(customer_tokens::used_at.eq(diesel::dsl::now))
    .execute(conn)
}
