//! Is an access token still true? Its account must still be a member of the
//! tenant with the role the token names, and its sign-in session must not be
//! signed out (logout, password reset, a reused refresh token). A token alone
//! cannot say so: it was true when signed. The answers are cached in-process,
//! so a busy user costs one indexed query per while.
//!
//! A member's standing lives in public.memberships and public.refresh_tokens,
//! whose triggers NOTIFY `access_changed` with the account's id: the server's
//! listener forgets that account's answers at once, so a demotion, removal
//! or sign-out takes effect on every server within a fraction of a second,
//! and an answer is otherwise kept a minute. A customer's also depends on
//! their tenant's account tables, which notify nothing: those answers are
//! kept a few seconds.

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
use kernel::listen;
use kernel::values::SchemaName;

/// How long an answer nothing notifies about is trusted: the most a revoked
/// token keeps working.
pub const RECHECK_AFTER: Duration = Duration::from_secs(5);
/// How long a member's answer is trusted while a listener hears of changes:
/// a backstop for notifications lost before the listener notices that its
/// connection died (it pings every 15 s, then forgets everything).
pub const MEMBER_RECHECK_AFTER: Duration = Duration::from_secs(60);
/// How often the listener reads what was notified.
const LISTEN_POLL: Duration = Duration::from_millis(100);
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
    member_ttl: Duration,
    customer_ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<Claimed, Entry>>,
}

impl Default for AccessCheck {
    fn default() -> Self {
        Self::new(RECHECK_AFTER, MAX_ENTRIES)
    }
}

impl AccessCheck {
    /// Answers kept `ttl`, with no listener.
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        AccessCheck {
            member_ttl: ttl,
            customer_ttl: ttl,
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The server's: members' answers are kept longer, and forgotten as
    /// soon as the database notifies a change of their account.
    pub fn listening(database_url: String) -> Arc<Self> {
        let check = Arc::new(AccessCheck {
            member_ttl: MEMBER_RECHECK_AFTER,
            ..AccessCheck::default()
        });
        listen::spawn(
            listen::Channels {
                name: "access-listener",
                channels: &["access_changed"],
                poll: LISTEN_POLL,
            },
            Arc::downgrade(&check),
            database_url,
        );
        check
    }

    /// Forgets every answer about the account (a user's or a customer's id).
    pub fn forget_account(&self, account_id: Uuid) {
        self.entries.lock().retain(|c, _| c.user_id != account_id);
    }

    fn ttl(&self, claimed: &Claimed) -> Duration {
        match Account::of(claimed.user_id, claimed.role) {
            Account::Member(_) => self.member_ttl,
            Account::Customer(_) => self.customer_ttl,
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
            if now.duration_since(entry.since) < self.ttl(&claimed) {
                return entry.answer.clone();
            }
        }
        if entries.len() >= self.capacity {
            entries.retain(|c, e| now.duration_since(e.since) < self.ttl(c));
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

/// An entry is made before its query starts, so forgetting it after a
/// change committed can only drop answers read before the change, never
/// keep one.
impl listen::Subscriber for AccessCheck {
    fn notified(&self, _channel: &str, payload: &str) {
        match payload.parse::<Uuid>() {
            Ok(account_id) => self.forget_account(account_id),
            Err(_) => self.missed(),
        }
    }

    fn missed(&self) {
        self.entries.lock().clear();
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
