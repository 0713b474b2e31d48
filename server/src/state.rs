//! What every handler can reach, built once at start-up.

use std::sync::Arc;

use billing::subscriptions::UsageMeters;
use bookings::schedule_cache::ScheduleCache;
use customers::CustomerData;
use identity::{AccessCheck, AuthCtx, JwtKeys};
use kernel::db::DbPool;
use kernel::settings::Settings;
use notify::webhooks::EventCatalog;
use storage::FileStore;
use stores::tracking::OrderFeed;
use tenancy::TenantRegistry;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: DbPool,
    pub registry: Arc<TenantRegistry>,
    pub redis: deadpool_redis::Pool,
    pub keys: Arc<JwtKeys>,
    /// Whether a token's account, role and session still hold (cached briefly).
    pub access: Arc<AccessCheck>,
    pub schedules: Arc<ScheduleCache>,
    /// Each capability's part of a customer's export and erasure.
    pub customer_data: Arc<CustomerData>,
    /// The webhook events tenants can subscribe to.
    pub events: Arc<EventCatalog>,
    /// What counts the use of each plan limit (each domain registers its own).
    pub usage: Arc<UsageMeters>,
    /// Orders' status changes, for their live event streams.
    pub order_feed: Arc<OrderFeed>,
    /// Where uploaded files are kept.
    pub files: Arc<dyn FileStore>,
    /// What the home page shows of each shop, kept a few seconds.
    pub shop_home: Arc<crate::pages::shop::home_cache::ShopHomeCache>,
    /// Product page reads, written to the products in batches.
    pub catalog_views: Arc<stores::catalog::ViewCounter>,
    /// What `GET /metrics` shows (served on a listener of its own).
    pub metrics: Arc<crate::metrics::Metrics>,
}

impl AppState {
    /// What identity's sign-in operations need.
    pub fn auth(&self) -> AuthCtx<'_> {
        AuthCtx {
            pool: &self.pool,
            redis: &self.redis,
            settings: &self.settings,
            keys: &self.keys,
        }
    }
}
