//! Carrying a sign-in from the platform's host to a tenant's: cookies are
//! host-only, so the sign-up page cannot set the new site's session cookie.
//! It parks the session's refresh token in Redis under the hash of a
//! single-use random code for two minutes and sends the browser to the new
//! site with the code; the site takes the token out (GETDEL: once only) and
//! sets its own cookie. The refresh token itself never travels in a URL.

use deadpool_redis::redis;
use identity::secrets;
use kernel::error::AppError;

const TTL_SECS: u64 = 120;

fn key(hash: &[u8]) -> String {
    format!("handoff:{}", hex::encode(hash))
}

/// Parks `refresh_token` and returns the code that takes it out.
pub async fn park(redis: &deadpool_redis::Pool, refresh_token: &str) -> Result<String, AppError> {
    let code = secrets::generate();
    let mut conn = redis
        .get()
        .await
        .map_err(|e| AppError::internal(format!("redis: {e}")))?;
    redis::cmd("SET")
        .arg(key(&code.hash))
        .arg(refresh_token)
        .arg("EX")
        .arg(TTL_SECS)
        .query_async::<()>(&mut *conn)
        .await
        .map_err(|e| AppError::internal(format!("redis: {e}")))?;
    Ok(code.plain)
}

/// The parked token for `code`, once; `None` for an unknown, used or
/// expired code.
pub async fn take(redis: &deadpool_redis::Pool, code: &str) -> Result<Option<String>, AppError> {
    let Some(hash) = secrets::hash_presented(code) else {
        return Ok(None);
    };
    let mut conn = redis
        .get()
        .await
        .map_err(|e| AppError::internal(format!("redis: {e}")))?;
    redis::cmd("GETDEL")
        .arg(key(&hash))
        .query_async::<Option<String>>(&mut *conn)
        .await
        .map_err(|e| AppError::internal(format!("redis: {e}")))
}
