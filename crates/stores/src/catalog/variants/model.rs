//! Variants on the wire: the bodies staff send, the checked values they
//! become, the stored row and the view readers get.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::catalog::error::CatalogError;
use crate::catalog::input::{self, printable, Problems};
use crate::schema::variants;
use kernel::input::present;

pub const MAX_SKU_CHARS: usize = 64;
/// Units on hand a create or a change may set; adjustments stay within it.
pub const MAX_STOCK: i64 = 1_000_000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantBody {
    /// Unique in the shop: a letter or digit, then letters, digits and `._/-`.
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")]
    pub sku: String,
    /// Its own price in cents; left out or null: the product's base price.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1000000000000_i64)]
    pub price_cents: Option<i64>,
    /// Units on hand.
    #[schema(minimum = 0, maximum = 1000000)]
    pub stock: i64,
    /// Values of the category's variant attributes: `{"color": "red", "size": "M"}`.
    #[serde(default)]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub attributes: Option<BTreeMap<String, Value>>,
    /// On sale; true when left out.
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, pattern = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")]
    pub sku: Option<Option<String>>,
    /// Null: the product's base price.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 1000000000000_i64)]
    pub price_cents: Option<Option<i64>>,
    /// Sets the units on hand (to add or take some, POST .../stock).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64, minimum = 0, maximum = 1000000)]
    pub stock: Option<Option<i64>>,
    /// Replaces every value; null removes them.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub attributes: Option<Option<BTreeMap<String, Value>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub active: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64, minimum = 0, maximum = 1000000)]
    pub position: Option<Option<i64>>,
}

/// A change of the units on hand: deliveries add, counts take away.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StockBody {
    #[schema(minimum = -1000000, maximum = 1000000)]
    pub delta: i64,
}

#[derive(Debug, Clone)]
pub struct NewVariant {
    pub sku: String,
    pub price_cents: Option<i64>,
    pub stock: i32,
    pub attributes: BTreeMap<String, Value>,
    pub active: bool,
    pub position: i32,
}

#[derive(Debug, Clone, Default)]
pub struct VariantChanges {
    pub sku: Option<String>,
    pub price_cents: Option<Option<i64>>,
    pub stock: Option<i32>,
    pub attributes: Option<BTreeMap<String, Value>>,
    pub active: Option<bool>,
    pub position: Option<i32>,
}

pub fn sku(raw: &str) -> Result<String, String> {
    let sku = raw.trim();
    let valid = (1..=MAX_SKU_CHARS).contains(&sku.len())
        && sku.starts_with(|c: char| c.is_ascii_alphanumeric())
        && sku
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c));
    if valid {
        Ok(sku.to_string())
    } else {
        Err(format!(
            "{:?} is not a SKU: a letter or digit, then letters, digits and . _ / -, at most \
             {MAX_SKU_CHARS} characters",
            printable(sku)
        ))
    }
}

pub fn stock(raw: i64) -> Result<i32, String> {
    i32::try_from(raw)
        .ok()
        .filter(|s| (0..=MAX_STOCK).contains(&i64::from(*s)))
        .ok_or_else(|| format!("must be between 0 and {MAX_STOCK}; it was {raw}"))
}

/// A stock change: at most MAX_STOCK either way, and not zero.
pub fn delta(raw: i64) -> Result<i64, CatalogError> {
    if raw == 0 || raw.abs() > MAX_STOCK {
        return Err(CatalogError::invalid(
            "delta",
            format!("must be between -{MAX_STOCK} and {MAX_STOCK}, and not 0"),
        ));
    }
    Ok(raw)
}

impl NewVariant {
    pub fn parse(body: VariantBody) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let sku = p.check("sku", sku(&body.sku));
        let price = body
            .price_cents
            .map(|c| p.check("price_cents", input::price(c)));
        let stock = p.check("stock", stock(body.stock));
        let position = p.check("position", input::position(body.position.unwrap_or(0)));
        let (Some(sku), Some(stock), Some(position)) = (sku, stock, position) else {
            return Err(p.into_error());
        };
        let price_cents = match price {
            Some(None) => return Err(p.into_error()),
            Some(Some(c)) => Some(c),
            None => None,
        };
        p.finish(NewVariant {
            sku,
            price_cents,
            stock,
            attributes: body.attributes.unwrap_or_default(),
            active: body.active.unwrap_or(true),
            position,
        })
    }
}

impl VariantChanges {
    pub fn parse(body: VariantPatch) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let mut c = VariantChanges::default();
        match body.sku {
            None => {}
            Some(None) => p.cannot_be_null("sku"),
            Some(Some(raw)) => c.sku = p.check("sku", sku(&raw)),
        }
        match body.price_cents {
            None => {}
            Some(None) => c.price_cents = Some(None),
            Some(Some(raw)) => {
                c.price_cents = p.check("price_cents", input::price(raw)).map(Some);
            }
        }
        match body.stock {
            None => {}
            Some(None) => p.cannot_be_null("stock"),
            Some(Some(raw)) => c.stock = p.check("stock", stock(raw)),
        }
        if let Some(raw) = body.attributes {
            c.attributes = Some(raw.unwrap_or_default());
        }
        match body.active {
            None => {}
            Some(None) => p.cannot_be_null("active"),
            Some(Some(v)) => c.active = Some(v),
        }
        match body.position {
            None => {}
            Some(None) => p.cannot_be_null("position"),
            Some(Some(raw)) => c.position = p.check("position", input::position(raw)),
        }
        p.finish(c)
    }
}

/// A variant as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = variants, check_for_backend(diesel::pg::Pg))]
pub struct VariantRow {
    pub id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub price_cents: Option<i64>,
    pub stock: i32,
    pub attributes: Value,
    pub active: bool,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A variant as the API shows it, with the price it sells at.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Variant)]
pub struct VariantView {
    pub id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    /// Its own price; null when it sells at the product's base price.
    pub price_cents: Option<i64>,
    /// What one unit costs: its own price, else the product's base price.
    pub unit_price_cents: i64,
    pub currency: String,
    /// Units on hand and not held by an unpaid order.
    pub stock: i32,
    pub in_stock: bool,
    #[schema(value_type = BTreeMap<String, String>)]
    pub attributes: Value,
    pub active: bool,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl VariantView {
    pub fn of(row: VariantRow, base_price_cents: i64, currency: &str) -> Self {
        VariantView {
            unit_price_cents: row.price_cents.unwrap_or(base_price_cents),
            currency: currency.to_string(),
            in_stock: row.active && row.stock > 0,
            id: row.id,
            product_id: row.product_id,
            sku: row.sku,
            price_cents: row.price_cents,
            stock: row.stock,
            attributes: row.attributes,
            active: row.active,
            position: row.position,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}
