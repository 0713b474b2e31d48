//! /admin/shop: the shop in the back office. Orders first (what staff
//! open most), then the catalog (products with their variants and stock,
//! the category tree with its attributes), coupons, prescriptions to
//! review, and the payment provider (owners and admins only).
//!
//! Every page runs the very operations the JSON API's handlers run
//! (`stores::*`), inside `CurrentTenant::run`; the role is checked on
//! every request, GET and POST, and every form carries its CSRF token.

mod amount;
mod categories;
mod coupons;
mod orders;
mod payments;
mod prescriptions;
mod products;
mod refuse;
mod tabs;
mod tree;
mod ui;
mod when;

use actix_web::{web, HttpRequest};
use kernel::error::AppError;
use stores::catalog::Locale;
use uuid::Uuid;

use super::staff_or_answer;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError, PageResult};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/shop", web::get().to(index));
    orders::routes(cfg);
    products::routes(cfg);
    categories::routes(cfg);
    coupons::routes(cfg);
    prescriptions::routes(cfg);
    cfg.route("/admin/shop/payments", web::get().to(payments::show))
        .route("/admin/shop/payments", web::post().to(payments::save));
}

/// GET /admin/shop: the orders.
async fn index(p: Page, _tenant: CurrentTenant) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    Ok(p.see_other("/admin/shop/orders"))
}

/// A path segment that is not an id names nothing: the same 404 page as
/// an unknown id, with the code of what was looked for.
fn id_of(p: &Page, raw: &str, code: &'static str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| p.fail(AppError::not_found(code, "Nothing here has this id.")))
}

/// The query string's pairs, as sent.
fn query(req: &HttpRequest) -> Vec<(String, String)> {
    serde_urlencoded::from_str(req.query_string()).unwrap_or_default()
}

/// The value of `name` in the query string, blank when absent.
fn param(req: &HttpRequest, name: &str) -> String {
    query(req)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// Whether the query string has `name=1` (the notice after a redirect).
fn flag(req: &HttpRequest, name: &str) -> bool {
    param(req, name) == "1"
}

/// The catalog's names in the page's language (the platform's languages
/// are the pages' own).
fn locale(p: &Page) -> Option<Locale> {
    Locale::from_tag(p.code())
}

/// The languages names (and a product's description) may be translated
/// into besides the one they are written in: the platform's others.
const LANGS: [&str; 3] = ["fr", "ar", "fa"];

/// Translations of a name typed in the form (`name_fr` ...), blank ones
/// left out, over the stored ones in languages the form does not show.
fn names(
    typed: &[String; 3],
    stored: &serde_json::Value,
) -> std::collections::BTreeMap<String, String> {
    let mut names: std::collections::BTreeMap<String, String> = stored
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(lang, _)| !LANGS.contains(&lang.as_str()))
        .filter_map(|(lang, name)| Some((lang.clone(), name.as_str()?.to_string())))
        .collect();
    for (lang, name) in LANGS.iter().zip(typed) {
        if !name.trim().is_empty() {
            names.insert(lang.to_string(), name.clone());
        }
    }
    names
}

/// A name's translations as inputs (`name_fr` ...), each labelled with
/// its language's own name; `prefix` keeps ids apart on a page with two
/// such forms.
fn name_fields(
    p: &Page,
    typed: &[String; 3],
    errors: [Option<String>; 3],
    prefix: &str,
    max: usize,
) -> Vec<ui::Field> {
    LANGS
        .iter()
        .zip(typed)
        .zip(errors)
        .map(|((lang, value), error)| {
            let name = format!("name_{lang}");
            ui::Field::text(&name, p.t(&format!("lang-name-{lang}")), value)
                .id(format!("{prefix}{name}"))
                .native(lang)
                .max(max)
                .error(error)
        })
        .collect()
}

/// When the shop has no product yet to take its currency from.
const FALLBACK_CURRENCY: &str = "EUR";

/// The currency the shop already sells in (its newest product's), so a
/// new product's price is in the same one unless staff say otherwise.
fn shop_currency(conn: &mut diesel::PgConnection) -> Result<String, stores::catalog::CatalogError> {
    let newest = stores::catalog::ProductFilter {
        limit: 1,
        include_inactive: true,
        ..stores::catalog::ProductFilter::default()
    };
    Ok(stores::catalog::listing::list(conn, &newest, None)?
        .items
        .into_iter()
        .next()
        .map_or_else(|| FALLBACK_CURRENCY.to_string(), |p| p.currency))
}
