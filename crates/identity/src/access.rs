//! Is an access token still true? Its account must still be a member of the
//! tenant with the role the token names, and its sign-in session must not be
//! signed out (logout, password reset, a reused refresh token). A token alone
//! cannot say so: it was true when signed. The answers are cached in-process
//! for a few seconds, so a busy user costs one indexed query per few seconds,
//! and a demotion, removal or sign-out takes effect within that time.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use tokio::sync::OnceCell;
use uuid::Uuid;

use super::customer_accounts;
use super::errors::AuthError;
use super::refresh::{self, Account};
use super::tokens::{AuthUser, Role};
use super::users;
use kernel::db::{self, DbPool};
use kernel::values::SchemaName;

/// How long an answer is trusted: the most a revoked token keeps working.
pub const RECHECK_AFTER: Duration = Duration::from_secs(5);
/// Entries kept at most (tens of bytes each); a flood of distinct tokens
/// empties the cache rather than growing it.
pub const MAX_ENTRIES: usize = 50_000;

/// What the database says about a token's claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Current,
    NotMember,
    RoleChanged,
    SignedOut,
}

impl Standing {
    /// `found`: the account's role here and whether its session is live
    /// (always live for a token without a session).
    pub fn of(found: Option<(Role, bool)>, claimed: Role) -> Self {
        match found {
            None => Standing::NotMember,
            Some((_, false)) => Standing::SignedOut,
            Some((role, true)) if role != claimed => Standing::RoleChanged,
            Some(_) => Standing::Current,
        }
    }

    fn into_result(self) -> Result<(), AuthError> {
        match self {
            Standing::Current => Ok(()),
            Standing::NotMember => Err(AuthError::AccountGone),
            Standing::RoleChanged => Err(AuthError::RoleChanged),
            Standing::SignedOut => Err(AuthError::SessionEnded),
        }
    }
}

/// The claims an answer is about. The role is part of it, so a token
/// issued after a role change is checked afresh, not refused by the
/// answer about the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Claimed {
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub session_id: Option<Uuid>,
    pub role: Role,
}

impl From<&AuthUser> for Claimed {
    fn from(u: &AuthUser) -> Self {
        Claimed {
            user_id: u.user_id,
            tenant_id: u.tenant_id,
            session_id: u.session_id,
            role: u.role,
        }
    }
}

struct Entry {
    since: Instant,
    /// Shared by the requests that arrive while it is looked up, so they
    /// wait for one query instead of each running their own.
    answer: Arc<OnceCell<Standing>>,
}

pub struct AccessCheck {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<Claimed, Entry>>,
}

impl Default for AccessCheck {
    fn default() -> Self {
        Self::new(RECHECK_AFTER, MAX_ENTRIES)
    }
}

impl AccessCheck {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        AccessCheck {
            ttl,
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Ok when the token's claims still hold; else why not (a 401).
    /// `schema` is the token's tenant's, where customer accounts live.
    pub async fn confirm(
        &self,
        pool: &DbPool,
        schema: &SchemaName,
        user: &AuthUser,
    ) -> Result<(), AuthError> {
        let (pool, schema) = (pool.clone(), schema.clone());
        self.standing(Claimed::from(user), move |c| look_up(pool, schema, c))
            .await?
            .into_result()
    }

    /// The cached answer about `claimed`, or `fetch`'s.
    pub async fn standing<F, Fut>(&self, claimed: Claimed, fetch: F) -> Result<Standing, AuthError>
    where
        F: FnOnce(Claimed) -> Fut,
        Fut: Future<Output = Result<Standing, AuthError>>,
    {
        let answer = self.answer_for(claimed);
        answer.get_or_try_init(|| fetch(claimed)).await.copied()
    }

    fn answer_for(&self, claimed: Claimed) -> Arc<OnceCell<Standing>> {
        let now = Instant::now();
        let mut entries = self.entries.lock();
        if let Some(entry) = entries.get(&claimed) {
            if now.duration_since(entry.since) < self.ttl {
                return entry.answer.clone();
            }
        }
        if entries.len() >= self.capacity {
            entries.retain(|_, e| now.duration_since(e.since) < self.ttl);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        let answer = Arc::new(OnceCell::new());
        entries.insert(
            claimed,
            Entry {
                since: now,
                answer: answer.clone(),
            },
        );
        answer
    }
}

async fn look_up(pool: DbPool, schema: SchemaName, c: Claimed) -> Result<Standing, AuthError> {
    let found = match Account::of(c.user_id, c.role) {
        Account::Member(user_id) => {
            db::run_as::<_, AuthError, _>(&pool, move |conn| {
                Ok(match c.session_id {
                    Some(sid) => users::role_and_live_session(conn, user_id, c.tenant_id, sid)?,
                    None => users::role_in(conn, user_id, c.tenant_id)?.map(|role| (role, true)),
                })
            })
            .await?
        }
        Account::Customer(customer_id) => {
            db::tenant_tx_as::<_, AuthError, _>(&pool, &schema, move |conn| {
                if !customer_accounts::is_open(conn, customer_id)? {
                    return Ok(None);
                }
                let live = match c.session_id {
                    Some(sid) => refresh::session_is_live(
                        conn,
                        Account::Customer(customer_id),
                        c.tenant_id,
                        sid,
                    )?,
                    None => true,
                };
                Ok(Some((Role::Customer, live)))
            })
            .await?
        }
    };
    Ok(Standing::of(found, c.role))
}

#[cfg(test)]
#[path = "access_test.rs"]
mod tests;
