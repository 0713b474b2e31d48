//! GET /shop/p/{product_id}: a product on sale with its images (the chosen
//! one large, the others as links that choose them, no script needed), its
//! description and attributes, and the variant picker: one radio button per
//! variant, named by its attribute values, with its price and what is left,
//! a quantity and "Add to cart", which posts to /shop/cart/items. A refused
//! add (too many, out of stock) shows this page again with the reason.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use serde_json::Value;
use stores::catalog::attributes;
use stores::catalog::{self, CatalogError, Crumb, ProductView, VariantView, Visibility};
use uuid::Uuid;

use super::cards::safe_image;
use super::{id_or_404, locale};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError, PageResult};

pub struct Thumb {
    pub href: String,
    pub alt: String,
    pub src: String,
    pub current: bool,
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

pub struct VariantChoice {
    pub id: Uuid,
    pub label: String,
    pub price: String,
    pub stock: String,
    pub available: bool,
    pub checked: bool,
}

/// What the visitor posted, when the page shows again after a refusal.
#[derive(Default)]
pub struct Picked {
    pub variant_id: Option<Uuid>,
    pub quantity: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "shop/product.html")]
struct ProductPage<'a> {
    p: &'a Page,
    id: Uuid,
    name: String,
    description: Option<String>,
    crumbs: Vec<Crumb>,
    image: Option<String>,
    thumbs: Vec<Thumb>,
    price: String,
    facts: Vec<Fact>,
    variants: Vec<VariantChoice>,
    in_stock: bool,
    prescription: bool,
    quantity: String,
    error: Option<String>,
    csrf_token: String,
}

/// The product and the names of its category's attributes.
struct Loaded {
    product: ProductView,
    labels: HashMap<String, String>,
    /// Attribute codes in the category's order.
    order: Vec<String>,
}

async fn load(p: &Page, tenant: &CurrentTenant, id: Uuid) -> Result<Loaded, PageError> {
    let lang = locale(p);
    tenant
        .run(&p.state, move |conn| {
            let product = catalog::product(conn, id, Visibility::Public, lang)?;
            let attrs = attributes::list(conn, product.category_id, lang)?;
            Ok::<_, CatalogError>(Loaded {
                order: attrs.iter().map(|a| a.code.clone()).collect(),
                labels: attrs
                    .into_iter()
                    .map(|a| (a.code, a.display_name))
                    .collect(),
                product,
            })
        })
        .await
        .map_err(|e| p.fail(e))
}

/// `{"color": "red"}` as (code, text) pairs, in the category's order.
fn values(attributes: &Value, order: &[String]) -> Vec<(String, String)> {
    let Some(map) = attributes.as_object() else {
        return Vec::new();
    };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out: Vec<(String, String)> = order
        .iter()
        .filter_map(|code| map.get(code).map(|v| (code.clone(), text(v))))
        .collect();
    for (code, v) in map {
        if !order.contains(code) {
            out.push((code.clone(), text(v)));
        }
    }
    out
}

fn label_of(labels: &HashMap<String, String>, code: &str) -> String {
    labels
        .get(code)
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

fn variant_label(l: &Loaded, v: &VariantView) -> String {
    let parts: Vec<String> = values(&v.attributes, &l.order)
        .into_iter()
        .map(|(code, value)| format!("{}: {value}", label_of(&l.labels, &code)))
        .collect();
    if parts.is_empty() {
        v.sku.clone()
    } else {
        parts.join(" · ")
    }
}

fn stock_text(p: &Page, v: &VariantView) -> String {
    if v.in_stock {
        p.t1("shop-stock-left", "count", p.fmt.number(i64::from(v.stock)))
    } else {
        p.t("shop-out-of-stock")
    }
}

/// The price line: one price, or "from" the lowest when variants differ.
fn price_line(p: &Page, product: &ProductView) -> String {
    let prices: Vec<i64> = product
        .variants
        .iter()
        .map(|v| v.unit_price_cents)
        .collect();
    let one = prices.windows(2).all(|w| w[0] == w[1]);
    let amount = p.fmt.price(product.min_price_cents, &product.currency);
    if one {
        amount
    } else {
        p.t1("shop-price-from", "price", amount)
    }
}

fn gallery(p: &Page, product: &ProductView, chosen: usize) -> (Option<String>, Vec<Thumb>) {
    let images: Vec<String> = product
        .images
        .iter()
        .filter_map(|u| safe_image(u))
        .collect();
    let chosen = if chosen < images.len() { chosen } else { 0 };
    let thumbs = if images.len() > 1 {
        images
            .iter()
            .enumerate()
            .map(|(i, src)| Thumb {
                href: format!("?image={}#gallery", i + 1),
                alt: p.t1(
                    "shop-image-n",
                    "n",
                    p.fmt.number(i64::try_from(i + 1).unwrap_or(0)),
                ),
                src: src.clone(),
                current: i == chosen,
            })
            .collect()
    } else {
        Vec::new()
    };
    (images.get(chosen).cloned(), thumbs)
}

fn build<'a>(p: &'a Page, l: Loaded, chosen_image: usize, picked: Picked) -> ProductPage<'a> {
    let (image, thumbs) = gallery(p, &l.product, chosen_image);
    // The posted variant stays chosen; else the first that can be bought.
    let default = l.product.variants.iter().find(|v| v.in_stock).map(|v| v.id);
    let checked = picked.variant_id.or(default);
    let variants = l
        .product
        .variants
        .iter()
        .map(|v| VariantChoice {
            id: v.id,
            label: variant_label(&l, v),
            price: p.fmt.price(v.unit_price_cents, &v.currency),
            stock: stock_text(p, v),
            available: v.in_stock,
            checked: Some(v.id) == checked && v.in_stock,
        })
        .collect();
    let facts = values(&l.product.attributes, &l.order)
        .into_iter()
        .map(|(code, value)| Fact {
            label: label_of(&l.labels, &code),
            value,
        })
        .collect();
    ProductPage {
        p,
        id: l.product.id,
        price: price_line(p, &l.product),
        name: l.product.display_name.clone(),
        description: l.product.display_description.clone(),
        crumbs: l.product.breadcrumbs.clone(),
        image,
        thumbs,
        facts,
        variants,
        in_stock: l.product.in_stock,
        prescription: l.product.requires_prescription,
        quantity: if picked.quantity.is_empty() {
            "1".into()
        } else {
            picked.quantity
        },
        error: picked.error,
        csrf_token: p.csrf_token(),
    }
}

/// The page again after a refused "Add to cart", with the reason.
pub async fn refused(
    p: &Page,
    tenant: &CurrentTenant,
    product_id: Uuid,
    picked: Picked,
    status: StatusCode,
) -> PageResult {
    let loaded = load(p, tenant, product_id).await?;
    p.render_status(status, &build(p, loaded, 0, picked))
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
) -> PageResult {
    let id = id_or_404(&p, &path)?;
    let chosen = web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("image").and_then(|i| i.parse::<usize>().ok()))
        .map_or(0, |i| i.saturating_sub(1));
    let loaded = load(&p, &tenant, id).await?;
    // Counted as the API counts a product's reads, in batches.
    p.state.catalog_views.record(&tenant.schema, id);
    p.render(&build(&p, loaded, chosen, Picked::default()))
}
