//! GET /admin/services: the services grouped by category (name, length,
//! price, whether customers can book it), and the categories with their
//! rename and delete forms and a form to add one. The category forms
//! post back here; a refused one is shown again on this page.

use actix_web::http::StatusCode;
use actix_web::HttpRequest;
use askama::Template;
use bookings::services::categories::{self, Category};
use bookings::services::{self, Listing, Service};
use bookings::BookingError;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::flag;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

pub struct Row {
    pub id: Uuid,
    pub name: String,
    pub duration: String,
    pub price: String,
    pub active: bool,
    pub state: String,
}

/// A category's services, or those in none (`title` says which).
pub struct Group {
    pub title: String,
    pub rows: Vec<Row>,
}

/// A category form's values and messages: the stored ones, or what was
/// typed into the one refused.
#[derive(Default)]
pub struct Draft {
    pub name: String,
    pub position: String,
    pub name_error: Option<String>,
    pub position_error: Option<String>,
    pub confirm_error: Option<String>,
}

pub struct CategoryRow {
    pub id: Uuid,
    pub name: String,
    pub draft: Draft,
}

/// A refused category form: which one (None: the new category's) and
/// what it showed.
pub struct Retry {
    pub target: Option<Uuid>,
    pub draft: Draft,
}

#[derive(Template)]
#[template(path = "admin/services/list.html")]
struct ListPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    groups: Vec<Group>,
    categories: Vec<CategoryRow>,
    new_category: Draft,
    csrf_token: String,
    notice: Option<Notice>,
}

fn load(conn: &mut diesel::PgConnection) -> Result<(Vec<Service>, Vec<Category>), BookingError> {
    Ok((services::list(conn, Listing::All)?, categories::list(conn)?))
}

fn row(p: &Page, s: &Service) -> Row {
    Row {
        id: s.id,
        name: s.name.clone(),
        duration: p.t1(
            "admin-services-minutes",
            "minutes",
            p.fmt.number(i64::from(s.duration_minutes)),
        ),
        price: p.fmt.price(s.price_cents, &s.currency),
        active: s.active,
        state: p.t(if s.active {
            "admin-services-active"
        } else {
            "admin-services-inactive"
        }),
    }
}

/// Each category's services in its order, then those in none; a
/// category without services shows no group.
fn groups(p: &Page, services: &[Service], cats: &[Category]) -> Vec<Group> {
    let known = |id: Uuid| cats.iter().any(|c| c.id == id);
    let mut groups: Vec<Group> = cats
        .iter()
        .map(|c| Group {
            title: c.name.clone(),
            rows: services
                .iter()
                .filter(|s| s.category_id == Some(c.id))
                .map(|s| row(p, s))
                .collect(),
        })
        .collect();
    groups.push(Group {
        title: p.t("admin-services-no-category"),
        rows: services
            .iter()
            .filter(|s| !s.category_id.is_some_and(known))
            .map(|s| row(p, s))
            .collect(),
    });
    groups.retain(|g| !g.rows.is_empty());
    groups
}

/// The page, with a refused category form's values and messages when
/// there is one.
pub async fn render(
    p: &Page,
    tenant: &CurrentTenant,
    status: StatusCode,
    notice: Option<Notice>,
    retry: Option<Retry>,
) -> PageResult {
    let (services, cats) = tenant.run(&p.state, load).await.map_err(|e| p.fail(e))?;
    let (mut retried, mut new_category) = (None, Draft::default());
    match retry {
        Some(Retry {
            target: None,
            draft,
        }) => new_category = draft,
        Some(Retry {
            target: Some(id),
            draft,
        }) => retried = Some((id, draft)),
        None => {}
    }
    let categories = cats
        .iter()
        .map(|c| {
            let stored = Draft {
                name: c.name.clone(),
                position: c.position.to_string(),
                ..Draft::default()
            };
            let draft = match retried.take_if(|(id, _)| *id == c.id) {
                // A delete without its box ticked: the rename form keeps
                // the stored values.
                Some((_, draft)) if draft.confirm_error.is_some() => Draft {
                    confirm_error: draft.confirm_error,
                    ..stored
                },
                Some((_, draft)) => draft,
                None => stored,
            };
            CategoryRow {
                id: c.id,
                name: c.name.clone(),
                draft,
            }
        })
        .collect();
    let page = ListPage {
        p,
        nav: nav::links(p, Section::Services),
        groups: groups(p, &services, &cats),
        categories,
        new_category,
        csrf_token: p.csrf_token(),
        notice,
    };
    p.render_status(status, &page)
}

/// GET /admin/services
pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let notice = if flag(&req, "saved") {
        Some(Notice::ok(p.t("admin-saved")))
    } else if flag(&req, "deleted") {
        Some(Notice::ok(p.t("admin-services-deleted")))
    } else {
        None
    };
    render(&p, &tenant, StatusCode::OK, notice, None).await
}
