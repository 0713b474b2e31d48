//! GET /admin/shop/coupons: every coupon, newest first: its code, what it
//! takes off, its uses against its limit, when it is valid, and whether
//! it is switched on.

use actix_web::HttpRequest;
use askama::Template;
use chrono_tz::Tz;
use kernel::error::AppError;
use stores::coupons::{repo, Coupon};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::tabs::{self, Tab, TabLink};
use super::super::{flag, shop_currency, when};
use super::discount;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

pub struct Row {
    pub id: Uuid,
    pub code: String,
    pub discount: String,
    pub uses: String,
    pub valid: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/shop/coupons.html")]
struct CouponsPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    notice: Option<Notice>,
    rows: Vec<Row>,
}

fn row(p: &Page, tz: Tz, currency: &str, c: &Coupon) -> Row {
    let used = p.fmt.number(i64::from(c.used_count));
    let uses = match c.usage_limit {
        Some(limit) => p.t2(
            "admin-shop-coupon-uses-of",
            ("used", &used),
            ("limit", &p.fmt.number(i64::from(limit))),
        ),
        None => used,
    };
    let at = |t| when::at(p, tz, t);
    let valid = match (c.starts_at, c.ends_at) {
        (Some(s), Some(e)) => p.t2(
            "admin-shop-coupon-between",
            ("from", &at(s)),
            ("to", &at(e)),
        ),
        (Some(s), None) => p.t1("admin-shop-coupon-from", "from", at(s)),
        (None, Some(e)) => p.t1("admin-shop-coupon-until", "to", at(e)),
        (None, None) => p.t("admin-shop-coupon-always"),
    };
    Row {
        id: c.id,
        code: c.code.clone(),
        discount: discount(p, c, currency),
        uses,
        valid,
        active: c.active,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (coupons, tz, currency) = tenant
        .run(&p.state, |conn| {
            Ok::<_, AppError>((repo::list(conn)?, when::zone(conn)?, shop_currency(conn)?))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let notice = [
        ("created", "admin-shop-coupon-created"),
        ("saved", "admin-saved"),
        ("deleted", "admin-shop-coupon-deleted"),
    ]
    .iter()
    .find(|(name, _)| flag(&req, name))
    .map(|(_, key)| Notice::ok(p.t(key)));
    let page = CouponsPage {
        p: &p,
        nav: nav::links(&p, Section::Shop),
        tabs: tabs::links(&p, Tab::Coupons),
        notice,
        rows: coupons.iter().map(|c| row(&p, tz, &currency, c)).collect(),
    };
    p.render(&page)
}
