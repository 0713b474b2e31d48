//! /admin/welcome?code=: where the platform's sign-up page sends a new
//! owner. The single-use code takes the new session out of Redis (see
//! layer::handoff); a session of this very site becomes its cookie and the
//! owner lands in the back office. Any other code goes to the sign-in page.

use actix_web::HttpRequest;
use identity::page_session;

use crate::extract::CurrentTenant;
use crate::pages::layer::{handoff, session, Page, PageResult};

fn code_of(query: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    pairs.into_iter().find(|(k, _)| k == "code").map(|(_, v)| v)
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let Some(code) = code_of(req.query_string()) else {
        return Ok(p.see_other("/admin/login"));
    };
    let Some(token) = handoff::take(&p.state.redis, &code)
        .await
        .map_err(|e| p.fail(e))?
    else {
        return Ok(p.see_other("/admin/login"));
    };
    // The parked session must belong to this site: a code taken to another
    // tenant's host signs nobody in there.
    let holder = page_session::resume(&p.state.pool, &tenant, &token)
        .await
        .map_err(|e| p.fail(kernel::error::AppError::from(e)))?;
    match holder {
        Some(h) if h.role.is_staff() => {
            Ok(p.see_other_with("/admin", session::session_of(&p, &token)))
        }
        _ => Ok(p.see_other("/admin/login")),
    }
}
