//! Queries on accounts (public.users) and their roles (public.memberships).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::tokens::Role;
use kernel::schema::public::{memberships, refresh_tokens, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub email_verified_at: Option<DateTime<Utc>>,
}

pub fn find_by_id(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<UserRow>> {
    users::table
        .find(user_id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// A member of this tenant by email, with the role: who may sign in here.
pub fn find_member(
    conn: &mut PgConnection,
    email: &str,
    tenant_id: Uuid,
) -> QueryResult<Option<(UserRow, Role)>> {
    users::table
        .inner_join(memberships::table)
        .filter(users::email.eq(email))
        .filter(memberships::tenant_id.eq(tenant_id))
        .select((UserRow::as_select(), memberships::role))
        .first(conn)
        .optional()
}

/// A member of this tenant by id, with the role.
pub fn find_member_by_id(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
) -> QueryResult<Option<(UserRow, Role)>> {
    users::table
        .inner_join(memberships::table)
        .filter(users::id.eq(user_id))
        .filter(memberships::tenant_id.eq(tenant_id))
        .select((UserRow::as_select(), memberships::role))
        .first(conn)
        .optional()
}

pub fn role_in(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
) -> QueryResult<Option<Role>> {
    memberships::table
        .find((user_id, tenant_id))
        .select(memberships::role)
        .first(conn)
        .optional()
}

/// The account's role in the tenant, and whether the sign-in session (a
/// refresh-token family) still has a token nobody revoked: one query on two
/// indexes, run on an access token's first use and every few seconds after.
pub fn role_and_live_session(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
    session_id: Uuid,
) -> QueryResult<Option<(Role, bool)>> {
    let live = refresh_tokens::table
        .filter(refresh_tokens::family_id.eq(session_id))
        .filter(refresh_tokens::user_id.eq(user_id))
        .filter(refresh_tokens::tenant_id.eq(tenant_id))
        .filter(refresh_tokens::revoked_at.is_null());
    memberships::table
        .find((user_id, tenant_id))
        .select((memberships::role, diesel::dsl::exists(live)))
        .first(conn)
        .optional()
}

/// Creates an account; None when the email is taken (also by a concurrent
/// registration that committed first).
pub fn insert(
    conn: &mut PgConnection,
    email: &str,
    password_hash: &str,
    name: &str,
) -> QueryResult<Option<UserRow>> {
    diesel::insert_into(users::table)
        .values((
            users::id.eq(Uuid::new_v4()),
            users::email.eq(email),
            users::password_hash.eq(password_hash),
            users::name.eq(name),
        ))
        .on_conflict_do_nothing()
        .returning(UserRow::as_returning())
        .get_result(conn)
        .optional()
}

/// Gives the account a role in the tenant; false when it has one already.
pub fn add_membership(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
    role: Role,
) -> QueryResult<bool> {
    diesel::insert_into(memberships::table)
        .values((
            memberships::user_id.eq(user_id),
            memberships::tenant_id.eq(tenant_id),
            memberships::role.eq(role),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

/// Sets a new password hash.
pub fn set_password(
    conn: &mut PgConnection,
    user_id: Uuid,
    password_hash: &str,
) -> QueryResult<UserRow> {
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(password_hash),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(UserRow::as_returning())
        .get_result(conn)
}

pub fn mark_verified(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .filter(users::email_verified_at.is_null())
        .set((
            users::email_verified_at.eq(diesel::dsl::now),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .map(|_| ())
}
