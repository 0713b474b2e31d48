//! Schedules (settings, service, staff and weekly hours) cached in-process
//! for the availability endpoint, the hottest public read, and each site's
//! menu (its bookable services and their categories) for its home page,
//! the busiest page. An entry lives a few seconds, and a change made through this server drops its tenant's
//! entries at once; another server sees it when its entry expires. Bookings
//! never use the cache: they check against the database.
//!
//! The operations that change a schedule drop the tenant's entries
//! themselves (`Schedules::changed`), as their last step: handlers cannot
//! forget to. That runs just before the commit; an availability request
//! landing in between may cache the old schedule again, which then lives
//! its few seconds as it would on another server.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::RwLock;
use uuid::Uuid;

use crate::calendar::Schedule;
use crate::services::categories::Category;
use crate::services::Service;

/// How stale a schedule shown to customers may be on another server.
const TTL: Duration = Duration::from_secs(5);
/// Bounds memory under many tenants and services.
const MAX_ENTRIES: usize = 50_000;

/// (tenant, service) -> when it was loaded, and the schedule.
type Entries = HashMap<(Uuid, Uuid), (Instant, Arc<Schedule>)>;

/// What a site offers, as its home page lists it: the bookable services
/// and the categories they are grouped under, each in its order.
pub struct Menu {
    pub services: Vec<Service>,
    pub categories: Vec<Category>,
}

#[derive(Default)]
pub struct ScheduleCache {
    entries: RwLock<Entries>,
    menus: RwLock<HashMap<Uuid, (Instant, Arc<Menu>)>>,
}

impl ScheduleCache {
    pub(crate) fn get(&self, tenant_id: Uuid, service_id: Uuid) -> Option<Arc<Schedule>> {
        let entries = self.entries.read();
        let (at, schedule) = entries.get(&(tenant_id, service_id))?;
        (at.elapsed() < TTL).then(|| schedule.clone())
    }

    pub(crate) fn put(&self, tenant_id: Uuid, service_id: Uuid, schedule: Schedule) {
        let mut entries = self.entries.write();
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        entries.insert(
            (tenant_id, service_id),
            (Instant::now(), Arc::new(schedule)),
        );
    }

    fn menu(&self, tenant_id: Uuid) -> Option<Arc<Menu>> {
        let menus = self.menus.read();
        let (at, menu) = menus.get(&tenant_id)?;
        (at.elapsed() < TTL).then(|| menu.clone())
    }

    fn put_menu(&self, tenant_id: Uuid, menu: Menu) -> Arc<Menu> {
        let menu = Arc::new(menu);
        let mut menus = self.menus.write();
        if menus.len() >= MAX_ENTRIES {
            menus.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        menus.insert(tenant_id, (Instant::now(), menu.clone()));
        menu
    }

    /// After any change to a tenant's settings, services, categories,
    /// staff or hours.
    pub fn forget_tenant(&self, tenant_id: Uuid) {
        self.entries
            .write()
            .retain(|(tenant, _), _| *tenant != tenant_id);
        self.menus.write().remove(&tenant_id);
    }
}

/// One tenant's view of the cache, handed to the operations that read or
/// change schedules. Owns its `Arc`, so it moves into a blocking task.
#[derive(Clone)]
pub struct Schedules {
    cache: Arc<ScheduleCache>,
    tenant_id: Uuid,
}

impl Schedules {
    pub fn new(cache: Arc<ScheduleCache>, tenant_id: Uuid) -> Self {
        Schedules { cache, tenant_id }
    }

    pub(crate) fn get(&self, service_id: Uuid) -> Option<Arc<Schedule>> {
        self.cache.get(self.tenant_id, service_id)
    }

    pub(crate) fn put(&self, service_id: Uuid, schedule: Schedule) {
        self.cache.put(self.tenant_id, service_id, schedule);
    }

    /// The site's menu, when a fresh one is cached: looked at before a
    /// connection is taken, so a cached home page costs no database work.
    pub fn menu(&self) -> Option<Arc<Menu>> {
        self.cache.menu(self.tenant_id)
    }

    pub(crate) fn put_menu(&self, menu: Menu) -> Arc<Menu> {
        self.cache.put_menu(self.tenant_id, menu)
    }

    /// The tenant's settings, services, categories, staff or weekly hours
    /// changed.
    pub(crate) fn changed(&self) {
        self.cache.forget_tenant(self.tenant_id);
    }
}
