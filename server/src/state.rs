//! What every handler can reach, built once at start-up.

use std::sync::Arc;

use crate::auth::tokens::JwtKeys;
use crate::config::Settings;
use crate::db::DbPool;
use crate::tenancy::TenantRegistry;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: DbPool,
    pub registry: Arc<TenantRegistry>,
    pub redis: deadpool_redis::Pool,
    pub keys: Arc<JwtKeys>,
    pub schedules: Arc<crate::bookings::schedule_cache::ScheduleCache>,
}
