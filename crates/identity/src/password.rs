//! Password rules and argon2id hashing.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use super::errors::AuthError;
use kernel::error::AppError;

pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 128;

/// The rules a person is told about: long enough, not absurdly long, not all
/// one kind of character.
pub fn check_rules(password: &str) -> Result<(), String> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(format!(
            "must be at least {MIN_PASSWORD_LEN} characters long (it has {len})"
        ));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(format!(
            "must be at most {MAX_PASSWORD_LEN} characters long"
        ));
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_other = password.chars().any(|c| !c.is_alphabetic());
    if !(has_letter && has_other) {
        return Err("must mix letters with digits or symbols".into());
    }
    Ok(())
}

/// argon2id with the crate's defaults (OWASP's recommended parameters).
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashing runs on a few dedicated threads, one per core. Each argon2 call
/// takes ~19 MiB and tens of milliseconds of CPU: bounding how many run at
/// once bounds the memory the allocator keeps for them, and a burst of
/// logins cannot take the blocking threads that database work needs.
fn hashers() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(hashing_threads())
            .thread_name(|i| format!("password-hasher-{i}"))
            .build()
            .map_err(|e| tracing::error!(error = %e, "no password hashing threads; using the blocking pool"))
            .ok()
    })
    .as_ref()
}

fn hashing_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Hashes waiting per hashing thread, at most. Each takes tens of
/// milliseconds, so a full queue is still answered within about a second;
/// past it, a flood (of reset confirms, say) would make every sign-in wait.
const QUEUED_PER_THREAD: usize = 16;

/// A bound on hashes queued or running. Past it, a request is turned away
/// at once (503 `busy`) instead of joining a queue that only grows.
pub struct HashGate {
    limit: usize,
    in_flight: AtomicUsize,
}

/// A place in the gate, given back when dropped (the hash is done, or
/// was never started).
pub struct HashPermit<'a>(&'a HashGate);

impl HashGate {
    pub const fn new(limit: usize) -> Self {
        HashGate {
            limit,
            in_flight: AtomicUsize::new(0),
        }
    }

    pub fn try_enter(&self) -> Result<HashPermit<'_>, AuthError> {
        self.in_flight
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.limit).then_some(n + 1)
            })
            .map(|_| HashPermit(self))
            .map_err(|_| AuthError::Busy)
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }
}

impl Drop for HashPermit<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

fn gate() -> &'static HashGate {
    static GATE: OnceLock<HashGate> = OnceLock::new();
    GATE.get_or_init(|| HashGate::new(hashing_threads() * QUEUED_PER_THREAD))
}

async fn on_hasher<T, F>(work: F) -> Result<T, AuthError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // The permit travels with the work, so it counts until the hash is
    // done even when the client has gone.
    let permit = gate().try_enter()?;
    let work = move || {
        let _permit = permit;
        work()
    };
    let Some(pool) = hashers() else {
        return tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| platform(format!("password hashing failed: {e}")));
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    pool.spawn(move || {
        let _ = tx.send(work());
    });
    rx.await
        .map_err(|_| platform("a password hashing thread stopped"))
}

/// A failure of the machinery, not of the person's input: a logged 500.
fn platform(cause: impl std::fmt::Display) -> AuthError {
    AuthError::Platform(AppError::internal(cause))
}

/// `hash` off the async workers, on the hashing threads.
pub async fn hash_blocking(password: String) -> Result<String, AuthError> {
    on_hasher(move || hash(&password)).await?.map_err(platform)
}

/// `verify` off the async workers, on the hashing threads.
pub async fn verify_blocking(password: String, stored: String) -> Result<bool, AuthError> {
    on_hasher(move || verify(&password, &stored)).await
}

/// A hash to verify against when the account does not exist, so that a
/// missing account takes as long to refuse as a wrong password.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Kq3N0Wn4CjBqgGm2V0tJ0O2l1dQX2oHq9Yb0m7Gf1cU"
}

#[cfg(test)]
#[path = "password_test.rs"]
mod tests;
