//! Static assets, embedded in the binary and served under names that carry
//! a hash of their bytes, so a browser may keep them for a year: a change
//! is a new name. The accent colour's style sheet is named by the colour
//! itself, so it is as cacheable, and needs no inline style under the CSP.

use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpResponse};
use sha2::{Digest, Sha256};

use super::brand::Accent;
use super::headers;

const SITE_CSS: &str = include_str!("../../../assets/site.css");
/// The tab's icon; linked from every page, so browsers never ask for a
/// missing /favicon.ico.
const ICON_SVG: &str = include_str!("../../../assets/icon.svg");
/// The order page's live status (the page works without it).
const SHOP_JS: &str = include_str!("../../../assets/shop.js");

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

struct Asset {
    name: String,
    body: &'static str,
    content_type: &'static str,
}

fn hashed(stem: &str, ext: &str, body: &'static str, content_type: &'static str) -> Asset {
    let digest = hex::encode(Sha256::digest(body.as_bytes()));
    Asset {
        name: format!("{stem}.{}.{ext}", &digest[..12]),
        body,
        content_type,
    }
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    vec![
        hashed("site", "css", SITE_CSS, "text/css; charset=utf-8"),
        hashed("icon", "svg", ICON_SVG, "image/svg+xml"),
        hashed("shop", "js", SHOP_JS, "text/javascript; charset=utf-8"),
    ]
});

fn path_of(stem: &str) -> String {
    ASSETS
        .iter()
        .find(|a| a.name.starts_with(stem) && a.name[stem.len()..].starts_with('.'))
        .map(|a| format!("/assets/{}", a.name))
        .unwrap_or_default()
}

/// The path of the site's style sheet, as pages link it.
pub fn site_css_path() -> String {
    path_of("site")
}

/// The path of the tab's icon.
pub fn icon_path() -> String {
    path_of("icon")
}

/// The path of the shop's script.
pub fn shop_js_path() -> String {
    path_of("shop")
}

/// The path of the style sheet that paints a site in its accent colour.
pub fn theme_css_path(accent: &Accent) -> String {
    format!("/assets/theme.{}.css", accent.hex())
}

/// Whether a path is an asset (answered on any host, tenant or not).
pub fn is_asset(path: &str) -> bool {
    path.starts_with("/assets/")
}

fn cached(content_type: &'static str, body: String) -> HttpResponse {
    let mut res = HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CACHE_CONTROL, IMMUTABLE))
        .body(body);
    headers::add_common(res.headers_mut());
    res
}

/// GET /assets/{name}: a file by its hashed name, or a theme.
pub async fn serve(name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    if let Some(asset) = ASSETS.iter().find(|a| a.name == name) {
        return cached(asset.content_type, asset.body.to_string());
    }
    let theme = name
        .strip_prefix("theme.")
        .and_then(|rest| rest.strip_suffix(".css"))
        .and_then(Accent::parse);
    match theme {
        Some(accent) => cached("text/css; charset=utf-8", accent.style_sheet()),
        None => {
            let mut res = HttpResponse::NotFound()
                .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
                .body("Not found");
            headers::add_common(res.headers_mut());
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
    }
}
