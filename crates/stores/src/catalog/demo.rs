//! A demo catalog: a small category tree with colour and size attributes,
//! and as many products as asked, each with a few variants, named in
//! English, French, Persian and Arabic. For trying the shop and for load
//! tests; run inside a tenant transaction. The plan's limit is not checked:
//! whoever seeds decides.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use super::attributes::{self, AttrOption, AttributeKind, NewAttribute};
use super::categories::{self, NewCategory};
use super::error::CatalogError;
use super::locale::Locale;
use crate::schema::{products, variants};

/// Rows per insert statement, well under PostgreSQL's bind limit.
const CHUNK: usize = 500;

#[derive(Debug, Clone)]
pub struct Seeded {
    /// Leaf categories products went into.
    pub categories: Vec<Uuid>,
    pub products: Vec<Uuid>,
}

const COLOURS: [(&str, &str, &str, &str); 4] = [
    ("red", "#ff0000", "قرمز", "أحمر"),
    ("blue", "#0000ff", "آبی", "أزرق"),
    ("black", "#000000", "مشکی", "أسود"),
    ("white", "#ffffff", "سفید", "أبيض"),
];
const SIZES: [&str; 3] = ["S", "M", "L"];
/// (English, French, Persian, Arabic) names of the kinds of product.
const KINDS: [(&str, &str, &str, &str); 4] = [
    ("Shirt", "Chemise", "پیراهن", "قميص"),
    ("Bag", "Sac", "کیف", "حقيبة"),
    ("Shoe", "Chaussure", "کفش", "حذاء"),
    ("Scarf", "Écharpe", "روسری", "وشاح"),
];

fn category(
    conn: &mut PgConnection,
    name: &str,
    parent: Option<Uuid>,
    fa: &str,
    ar: &str,
) -> Result<Uuid, CatalogError> {
    let new = NewCategory {
        name: name.to_string(),
        parent_id: parent,
        translations: BTreeMap::from([(Locale::Fa, fa.to_string()), (Locale::Ar, ar.to_string())]),
        position: 0,
    };
    Ok(categories::create(conn, None, &new)?.id)
}

fn attribute(
    conn: &mut PgConnection,
    on: Uuid,
    code: &str,
    kind: AttributeKind,
    options: Vec<AttrOption>,
) -> Result<(), CatalogError> {
    let new = NewAttribute {
        code: code.to_string(),
        name: code.to_string(),
        translations: BTreeMap::new(),
        kind,
        required: true,
        variant: true,
        options,
        position: 0,
    };
    attributes::create(conn, on, None, &new)?;
    Ok(())
}

/// Seeds a tree (Clothing > Shirts, Bags; Accessories > Scarves) and
/// `n_products` products spread over its leaves, newest last.
pub fn seed(conn: &mut PgConnection, n_products: usize) -> Result<Seeded, CatalogError> {
    let clothing = category(conn, "Clothing", None, "پوشاک", "ملابس")?;
    let accessories = category(conn, "Accessories", None, "لوازم جانبی", "إكسسوارات")?;
    let leaves = vec![
        category(conn, "Shirts", Some(clothing), "پیراهن‌ها", "قمصان")?,
        category(conn, "Bags", Some(accessories), "کیف‌ها", "حقائب")?,
        category(conn, "Shoes", Some(clothing), "کفش‌ها", "أحذية")?,
        category(conn, "Scarves", Some(accessories), "روسری‌ها", "أوشحة")?,
    ];
    for top in [clothing, accessories] {
        let colours = COLOURS
            .iter()
            .map(|(value, hex, _, _)| AttrOption {
                value: value.to_string(),
                hex: Some(hex.to_string()),
            })
            .collect();
        attribute(conn, top, "color", AttributeKind::Color, colours)?;
    }
    let sizes = SIZES
        .iter()
        .map(|s| AttrOption {
            value: s.to_string(),
            hex: None,
        })
        .collect();
    attribute(conn, clothing, "size", AttributeKind::Size, sizes)?;

    let mut ids = Vec::with_capacity(n_products);
    let mut product_rows = Vec::with_capacity(n_products);
    let mut variant_rows = Vec::new();
    for i in 0..n_products {
        let kind = i % KINDS.len();
        let (en, fr, fa, ar) = KINDS[kind];
        let (colour, _, colour_fa, colour_ar) = COLOURS[i % COLOURS.len()];
        let id = Uuid::new_v4();
        let price = 500 + i64::try_from((i * 7919) % 20_000).unwrap_or(0);
        let translations = json!({
            "fr": {"name": format!("{fr} {colour} {i}")},
            "fa": {"name": format!("{fa} {colour_fa} {i}")},
            "ar": {"name": format!("{ar} {colour_ar} {i}")},
        });
        product_rows.push((
            products::id.eq(id),
            products::category_id.eq(leaves[kind]),
            products::name.eq(format!("{en} {colour} {i}")),
            products::translations.eq(translations),
            products::description.eq(format!(
                "A {colour} {} of the demo catalog.",
                en.to_lowercase()
            )),
            products::base_price_cents.eq(price),
            products::currency.eq("EUR"),
            products::sold_count.eq(i64::try_from(i % 97).unwrap_or(0)),
            products::created_at.eq(chrono::Utc::now()
                - chrono::Duration::seconds(i64::try_from(n_products - i).unwrap_or(0))),
        ));
        let clothes = kind == 0 || kind == 2;
        for (v, size) in SIZES.iter().enumerate().take(if clothes { 3 } else { 1 }) {
            let mut values = json!({ "color": colour });
            if clothes {
                values["size"] = Value::String(size.to_string());
            }
            variant_rows.push((
                variants::id.eq(Uuid::new_v4()),
                variants::product_id.eq(id),
                variants::sku.eq(format!("DEMO-{i}-{v}")),
                variants::price_cents.eq(None::<i64>),
                variants::stock.eq(i32::try_from((i + v) % 5).unwrap_or(0) * 3),
                variants::attributes.eq(values),
                variants::position.eq(i32::try_from(v).unwrap_or(0)),
            ));
        }
        ids.push(id);
    }
    for chunk in product_rows.chunks(CHUNK) {
        diesel::insert_into(products::table)
            .values(chunk)
            .execute(conn)?;
    }
    for chunk in variant_rows.chunks(CHUNK) {
        diesel::insert_into(variants::table)
            .values(chunk)
            .execute(conn)?;
    }
    Ok(Seeded {
        categories: leaves,
        products: ids,
    })
}
