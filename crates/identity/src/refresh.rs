//! Refresh tokens: opaque, stored as SHA-256, rotated on every use. Tokens
//! descending from one sign-in form a family; presenting a token that was
//! already exchanged means a copy exists somewhere, so the whole family is
//! revoked (RFC 6819 5.2.2.3, OAuth 2.0 Security BCP 4.14).

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::customer_accounts;
use super::secrets;
use super::tokens::Role;
use super::users::role_in;
use kernel::schema::public::refresh_tokens;

/// Who a session signs in: a platform account (owner, admin, staff) or a
/// customer account of the token's tenant (in that tenant's schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Account {
    Member(Uuid),
    Customer(Uuid),
}

impl Account {
    pub fn id(self) -> Uuid {
        match self {
            Account::Member(id) | Account::Customer(id) => id,
        }
    }

    /// The account an access token names: customers are the only role
    /// whose subject is a customer account.
    pub fn of(subject: Uuid, role: Role) -> Self {
        match role {
            Role::Customer => Account::Customer(subject),
            _ => Account::Member(subject),
        }
    }

    fn columns(self) -> (Option<Uuid>, Option<Uuid>) {
        match self {
            Account::Member(id) => (Some(id), None),
            Account::Customer(id) => (None, Some(id)),
        }
    }
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
struct StoredToken {
    id: Uuid,
    family_id: Uuid,
    user_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    tenant_id: Uuid,
    expires_at: DateTime<Utc>,
    rotated_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

/// A refresh token just stored: the plain text for the client, and its
/// family, which names the sign-in session in access tokens (`sid`).
#[derive(Debug)]
pub struct IssuedRefresh {
    pub plain: String,
    pub family_id: Uuid,
}

impl StoredToken {
    fn account(&self) -> Option<Account> {
        match (self.user_id, self.customer_id) {
            (Some(id), None) => Some(Account::Member(id)),
            (None, Some(id)) => Some(Account::Customer(id)),
            _ => None,
        }
    }
}

/// Stores a new token (a new family unless one is given) and returns it.
pub fn issue(
    conn: &mut PgConnection,
    account: Account,
    tenant_id: Uuid,
    family_id: Option<Uuid>,
    ttl_days: i64,
) -> QueryResult<IssuedRefresh> {
    let token = secrets::generate();
    let family_id = family_id.unwrap_or_else(Uuid::new_v4);
    let (user_id, customer_id) = account.columns();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(Uuid::new_v4()),
            refresh_tokens::family_id.eq(family_id),
            refresh_tokens::user_id.eq(user_id),
            refresh_tokens::customer_id.eq(customer_id),
            refresh_tokens::tenant_id.eq(tenant_id),
            refresh_tokens::token_hash.eq(&token.hash),
            refresh_tokens::expires_at.eq(Utc::now() + Duration::days(ttl_days.max(1))),
        ))
        .execute(conn)?;
    Ok(IssuedRefresh {
        plain: token.plain,
        family_id,
    })
}

#[derive(Debug)]
pub enum Rotation {
    Rotated {
        account: Account,
        role: Role,
        refresh_token: IssuedRefresh,
    },
    /// An already exchanged token: its family is now revoked.
    Reused,
    /// Unknown, expired, revoked, of another tenant, or of an account that
    /// lost its access here.
    Invalid,
}

/// Exchanges a token for a new one of the same family. Must run inside a
/// transaction on the tenant's schema (a customer account is checked there):
/// the row lock makes two concurrent exchanges of one token take turns, and
/// the second one sees the first one's rotation (reuse). The caller commits
/// whatever the outcome, so a revocation sticks.
pub fn rotate(
    conn: &mut PgConnection,
    token_hash: &[u8],
    tenant_id: Uuid,
    ttl_days: i64,
) -> QueryResult<Rotation> {
    let Some(stored) = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(StoredToken::as_select())
        .for_update()
        .first(conn)
        .optional()?
    else {
        return Ok(Rotation::Invalid);
    };
    // A token shown on another tenant's site proves nothing about reuse here.
    if stored.tenant_id != tenant_id || stored.revoked_at.is_some() {
        return Ok(Rotation::Invalid);
    }
    if stored.rotated_at.is_some() {
        revoke_family(conn, stored.family_id)?;
        return Ok(Rotation::Reused);
    }
    if stored.expires_at <= Utc::now() {
        return Ok(Rotation::Invalid);
    }
    let Some(account) = stored.account() else {
        return Ok(Rotation::Invalid);
    };
    let role = match account {
        Account::Member(user_id) => role_in(conn, user_id, tenant_id)?,
        Account::Customer(customer_id) => {
            customer_accounts::is_open(conn, customer_id)?.then_some(Role::Customer)
        }
    };
    let Some(role) = role else {
        revoke_family(conn, stored.family_id)?;
        return Ok(Rotation::Invalid);
    };
    diesel::update(refresh_tokens::table.find(stored.id))
        .set(refresh_tokens::rotated_at.eq(diesel::dsl::now))
        .execute(conn)?;
    let refresh_token = issue(conn, account, tenant_id, Some(stored.family_id), ttl_days)?;
    Ok(Rotation::Rotated {
        account,
        role,
        refresh_token,
    })
}

fn revoke_family(conn: &mut PgConnection, family_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(diesel::dsl::now))
    .execute(conn)
}

/// Signs out the session a token belongs to (its whole family). Unknown
/// tokens and tokens of other tenants change nothing.
pub fn revoke_family_of(
    conn: &mut PgConnection,
    token_hash: &[u8],
    tenant_id: Uuid,
) -> QueryResult<usize> {
    let family: Option<Uuid> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .filter(refresh_tokens::tenant_id.eq(tenant_id))
        .select(refresh_tokens::family_id)
        .first(conn)
        .optional()?;
    match family {
        Some(family_id) => revoke_family(conn, family_id),
        None => Ok(0),
    }
}

/// Signs the account out everywhere (after a password change, or when a
/// customer account is closed). A platform account signs in on many
/// tenants; a customer account only ever on its own.
pub fn revoke_all(conn: &mut PgConnection, account: Account) -> QueryResult<usize> {
    let (user_id, customer_id) = account.columns();
    let live = refresh_tokens::table.filter(refresh_tokens::revoked_at.is_null());
    let revoked = refresh_tokens::revoked_at.eq(diesel::dsl::now);
    match (user_id, customer_id) {
        (Some(id), _) => diesel::update(live.filter(refresh_tokens::user_id.eq(id)))
            .set(revoked)
            .execute(conn),
        (_, Some(id)) => diesel::update(live.filter(refresh_tokens::customer_id.eq(id)))
            .set(revoked)
            .execute(conn),
        (None, None) => Ok(0),
    }
}

/// Whether the session (family) of `account` on the tenant has a token
/// nobody revoked.
pub fn session_is_live(
    conn: &mut PgConnection,
    account: Account,
    tenant_id: Uuid,
    session_id: Uuid,
) -> QueryResult<bool> {
    let (user_id, customer_id) = account.columns();
    let live = refresh_tokens::table
        .filter(refresh_tokens::family_id.eq(session_id))
        .filter(refresh_tokens::tenant_id.eq(tenant_id))
        .filter(refresh_tokens::revoked_at.is_null())
        .filter(
            refresh_tokens::user_id
                .eq(user_id)
                .or(refresh_tokens::customer_id.eq(customer_id)),
        );
    diesel::select(diesel::dsl::exists(live)).get_result(conn)
}
