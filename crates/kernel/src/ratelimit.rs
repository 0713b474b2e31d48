//! Rate limits kept in Redis, so every server counts the same attempts.
//! Fixed windows: the first hit of a key starts its window. A limiter that
//! cannot reach Redis lets the request through and says so in the log: an
//! outage of the limiter must not become an outage of sign-in.
//!
//! One atomic round trip per check: a Lua script increments every key of the
//! request, starts the window of a new key, and reports how long the caller
//! must wait if any key is over the limit.

use std::net::{IpAddr, Ipv6Addr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use deadpool_redis::redis;

/// The Redis pool the limiter counts in, so crates that only limit need no
/// Redis dependency of their own.
pub use deadpool_redis::Pool as RedisPool;

/// Longer than this and the request goes on unchecked; a slow Redis must not
/// make sign-in slow.
const REDIS_TIMEOUT: Duration = Duration::from_millis(200);

/// While Redis is down every request would warn; one line per this many
/// seconds says the same.
const WARN_EVERY_SECS: u64 = 10;
static LAST_WARNING: AtomicU64 = AtomicU64::new(0);

/// KEYS: the counters. ARGV[1]: the window in seconds, ARGV[1 + i]: the
/// limit of KEYS[i]. Returns 0 when allowed, else the seconds until the
/// longest-waiting exceeded window ends. A key without a TTL (left by a crash
/// between INCR and EXPIRE elsewhere) gets one, so it can never block forever.
const SCRIPT: &str = r"
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i + 1])
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

/// Takes one attempt back from each key that still counts it; an expired
/// key is left alone, so no counter goes below zero or loses its TTL.
const REFUND_SCRIPT: &str = r"
for _, key in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', key) or '0')
  if n > 0 then
    redis.call('DECR', key)
  end
end
return 0
";

/// Whether any key is already at its limit, without counting: for limits
/// on what succeeded, which are counted only afterwards. Same answer as
/// SCRIPT; ARGV[1] is unused, so both take the same arguments.
const PEEK_SCRIPT: &str = r"
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i + 1])
  local n = tonumber(redis.call('GET', key) or '0')
  local ttl = redis.call('TTL', key)
  if n >= limit and ttl > wait then
    wait = ttl
  end
end
return wait
";

/// The part of a client address one party controls, for per-address keys:
/// an IPv4 address, or the /64 of an IPv6 address (a single subscriber gets
/// a whole /64, so the rest of the address is free for an attacker to
/// vary). An IPv4-mapped IPv6 address counts as its IPv4 address.
pub fn client_scope(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
    }
}

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
    let counters: Vec<(String, u32)> = keys.iter().map(|k| (k.clone(), limit)).collect();
    hit_each(redis, &counters, window_secs).await
}

/// Counts one attempt against each key, each with its own limit, in one
/// round trip; the verdict is the strictest of them.
pub async fn hit_each(
    redis: &deadpool_redis::Pool,
    counters: &[(String, u32)],
    window_secs: u64,
) -> Verdict {
    eval(redis, SCRIPT, counters, window_secs).await
}

/// Whether one more attempt would go over any key's limit, counting
/// nothing; `hit_each` counts it once it happened.
pub async fn peek(redis: &deadpool_redis::Pool, counters: &[(String, u32)]) -> Verdict {
    eval(redis, PEEK_SCRIPT, counters, 1).await
}

async fn eval(
    redis: &deadpool_redis::Pool,
    script: &str,
    counters: &[(String, u32)],
    window_secs: u64,
) -> Verdict {
    if counters.is_empty() {
        return Verdict::Allowed;
    }
    let mut cmd = redis::cmd("EVAL");
    cmd.arg(script).arg(counters.len());
    for (key, _) in counters {
        cmd.arg(key);
    }
    cmd.arg(window_secs.max(1));
    for (_, limit) in counters {
        cmd.arg(*limit);
    }
    match run(redis, cmd).await {
        Some(0) => Verdict::Allowed,
        Some(wait) => Verdict::Limited(wait),
        None => Verdict::Unchecked,
    }
}

/// Takes back an attempt counted by `hit`: a sign-in that succeeded was
/// not a failure. Best effort: if Redis is away, the count simply stays.
pub async fn refund(redis: &deadpool_redis::Pool, keys: &[String]) {
    if keys.is_empty() {
        return;
    }
    let mut cmd = redis::cmd("EVAL");
    cmd.arg(REFUND_SCRIPT).arg(keys.len()).arg(keys);
    let _ = run(redis, cmd).await;
}

/// One script call within the time limit; None (logged) when Redis could
/// not answer.
async fn run(redis: &deadpool_redis::Pool, cmd: redis::Cmd) -> Option<u64> {
    let attempt = async {
        let mut conn = redis.get().await.map_err(|e| e.to_string())?;
        cmd.query_async::<u64>(&mut *conn)
            .await
            .map_err(|e| e.to_string())
    };
    match tokio::time::timeout(REDIS_TIMEOUT, attempt).await {
        Ok(Ok(n)) => Some(n),
        Ok(Err(e)) => {
            warn_unchecked(&e);
            None
        }
        Err(_) => {
            warn_unchecked("no answer within 200 ms");
            None
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

#[cfg(test)]
mod tests {
    use super::client_scope;

    #[test]
    fn ipv6_addresses_of_one_64_share_a_scope() {
        let a = client_scope("2001:db8:1:2::1".parse().unwrap());
        let b = client_scope("2001:db8:1:2:ffff:1234:5678:9abc".parse().unwrap());
        let other = client_scope("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(
            client_scope("::ffff:192.0.2.9".parse().unwrap()),
            "192.0.2.9"
        );
        assert_eq!(client_scope("192.0.2.9".parse().unwrap()), "192.0.2.9");
    }
}
