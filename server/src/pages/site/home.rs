//! GET / on a tenant's host: the business, its contact, and what can be
//! booked, grouped by category.

use askama::Template;
use bookings::services::categories::Category;
use bookings::services::{self, Service};
use bookings::Schedules;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::pages::layer::format::Formats;
use crate::pages::layer::{Page, PageResult};
use crate::pages::shop::home::ShopSection;

pub struct ServiceCard {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub duration: String,
    pub price: String,
}

impl ServiceCard {
    pub fn of(p: &Page, s: &Service) -> ServiceCard {
        ServiceCard {
            id: s.id,
            name: s.name.clone(),
            description: s.description.clone(),
            duration: duration(p, s.duration_minutes),
            price: p.fmt.price(s.price_cents, &s.currency),
        }
    }
}

pub fn duration(p: &Page, minutes: i32) -> String {
    let minutes = Formats::number(&p.fmt, i64::from(minutes));
    p.t1("duration-minutes", "minutes", minutes)
}

/// Services under one heading; `name` None for those in no category.
pub struct Group {
    pub name: Option<String>,
    pub services: Vec<ServiceCard>,
}

#[derive(Template)]
#[template(path = "site/home.html")]
struct HomePage<'a> {
    p: &'a Page,
    groups: Vec<Group>,
    /// The shop's part, when the site sells something.
    shop: Option<ShopSection>,
}

/// By the categories' order; those in none come last.
fn grouped(p: &Page, services: &[Service], cats: &[Category]) -> Vec<Group> {
    let mut groups: Vec<Group> = cats
        .iter()
        .map(|c| Group {
            name: Some(c.name.clone()),
            services: services
                .iter()
                .filter(|s| s.category_id == Some(c.id))
                .map(|s| ServiceCard::of(p, s))
                .collect(),
        })
        .collect();
    let known = |id: Uuid| cats.iter().any(|c| c.id == id);
    groups.push(Group {
        name: None,
        services: services
            .iter()
            .filter(|s| !s.category_id.is_some_and(known))
            .map(|s| ServiceCard::of(p, s))
            .collect(),
    });
    groups.retain(|g| !g.services.is_empty());
    groups
}

/// The menu comes from the schedule cache when fresh (a few seconds; a
/// change made through this server shows at once), so most visits cost
/// no database work at all.
pub async fn show(p: Page, tenant: CurrentTenant) -> PageResult {
    let schedules = Schedules::new(p.state.schedules.clone(), tenant.id);
    let menu = match schedules.menu() {
        Some(menu) => menu,
        None => tenant
            .run(&p.state, move |conn| services::menu(conn, &schedules))
            .await
            .map_err(|e| p.fail(e))?,
    };
    let groups = grouped(&p, &menu.services, &menu.categories);
    let shop = crate::pages::shop::home::section(&p, &tenant).await?;
    p.render(&HomePage {
        p: &p,
        groups,
        shop,
    })
}
