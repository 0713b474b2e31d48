//! Rate limits kept in Redis, so every server counts the same attempts.
//! Fixed windows: the first hit of a key starts its window. A limiter that
//! cannot reach Redis lets the request through and says so in the log: an
//! outage of the limiter must not become an outage of sign-in.
//!
//! One atomic round trip per check: a Lua script increments every key of the
//! request, starts the window of a new key, and reports how long the caller
//! must wait if any key is over the limit.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use deadpool_redis::redis;

/// Longer than this and the request goes on unchecked; a slow Redis must not
/// make sign-in slow.
const REDIS_TIMEOUT: Duration = Duration::from_millis(200);

/// While Redis is down every request would warn; one line per this many
/// seconds says the same.
const WARN_EVERY_SECS: u64 = 10;
static LAST_WARNING: AtomicU64 = AtomicU64::new(0);

/// KEYS: the counters. ARGV[1]: the limit, ARGV[2]: the window in seconds.
/// Returns 0 when allowed, else the seconds until the longest-waiting
/// exceeded window ends. A key without a TTL (left by a crash between INCR
/// and EXPIRE elsewhere) gets one, so it can never block forever.
const SCRIPT: &str = r"
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wait = 0
for _, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('TTL', key)
  if n == 1 or ttl < 0 then
    redis.call('EXPIRE', key, window)
    ttl = window
  end
  if n > limit and ttl > wait then
    wait = ttl
  end
end
return wait
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over the limit: retry after this many seconds.
    Limited(u64),
    /// Redis could not answer; the request was let through.
    Unchecked,
}

/// Counts one attempt against each key; `limit` attempts per `window_secs`.
pub async fn hit(
    redis: &deadpool_redis::Pool,
    keys: &[String],
    limit: u32,
    window_secs: u64,
) -> Verdict {
    if keys.is_empty() {
        return Verdict::Allowed;
    }
    let attempt = async {
        let mut conn = redis.get().await.map_err(|e| e.to_string())?;
        let mut cmd = redis::cmd("EVAL");
        cmd.arg(SCRIPT).arg(keys.len()).arg(keys);
        cmd.arg(limit).arg(window_secs.max(1));
        cmd.query_async::<u64>(&mut *conn)
            .await
            .map_err(|e| e.to_string())
    };
    match tokio::time::timeout(REDIS_TIMEOUT, attempt).await {
        Ok(Ok(0)) => Verdict::Allowed,
        Ok(Ok(wait)) => Verdict::Limited(wait),
        Ok(Err(e)) => {
            warn_unchecked(&e);
            Verdict::Unchecked
        }
        Err(_) => {
            warn_unchecked("no answer within 200 ms");
            Verdict::Unchecked
        }
    }
}

fn warn_unchecked(reason: &str) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let last = LAST_WARNING.load(Ordering::Relaxed);
    let due = now.saturating_sub(last) >= WARN_EVERY_SECS;
    if due
        && LAST_WARNING
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::warn!(
            reason,
            "rate limits not checked: Redis unavailable; requests are allowed"
        );
    }
}
