//! Products on the wire: the bodies staff send, the checked values they
//! become, the stored row and the detailed view readers get.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::catalog::categories::Crumb;
use crate::catalog::error::CatalogError;
use crate::catalog::input::{self, Problems, TranslationBody};
use crate::catalog::locale::{translated_member, Locale};
use crate::catalog::variants::VariantView;
use crate::schema::products;
use kernel::input::present;
use kernel::values::Currency;

pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductBody {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// `{"fa": {"name": "...", "description": "..."}, ...}`; keys are the
    /// platform's languages (en, fr, ar, fa).
    #[serde(default)]
    pub translations: Option<BTreeMap<String, TranslationBody>>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    pub category_id: Uuid,
    /// The price of variants that have none of their own, in cents.
    #[schema(minimum = 0, maximum = 1000000000000_i64)]
    pub base_price_cents: i64,
    /// ISO 4217, such as EUR.
    #[schema(pattern = "^[A-Za-z]{3}$")]
    pub currency: String,
    /// https:// links, at most 20; the first is the product's picture in lists.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub images: Option<Vec<String>>,
    /// https:// links, at most 20.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub videos: Option<Vec<String>>,
    /// Values of the category's attributes that are not variant attributes:
    /// `{"material": "cotton"}`. Text or numbers.
    #[serde(default)]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub attributes: Option<BTreeMap<String, Value>>,
    /// On sale; true when left out.
    #[serde(default)]
    pub active: Option<bool>,
    /// Shown on the shop's home page.
    #[serde(default)]
    pub featured: Option<bool>,
    #[serde(default)]
    pub requires_prescription: Option<bool>,
}

/// A partial update: fields left out stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, min_length = 1, max_length = 200)]
    pub name: Option<Option<String>>,
    /// Replaces every translation; null removes them.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<BTreeMap<String, TranslationBody>>)]
    pub translations: Option<Option<BTreeMap<String, TranslationBody>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub description: Option<Option<String>>,
    /// Moves the product; its values and its variants' must fit the new
    /// category's attributes.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Uuid)]
    pub category_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64, minimum = 0, maximum = 1000000000000_i64)]
    pub base_price_cents: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, pattern = "^[A-Za-z]{3}$")]
    pub currency: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<String>>, max_items = 20)]
    pub images: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<String>>, max_items = 20)]
    pub videos: Option<Option<Vec<String>>>,
    /// Replaces every value; null removes them.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub attributes: Option<Option<BTreeMap<String, Value>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub active: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub featured: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub requires_prescription: Option<Option<bool>>,
}

/// A checked new product; its attribute values are checked against the
/// category in the transaction that creates it.
#[derive(Debug, Clone)]
pub struct NewProduct {
    pub name: String,
    pub translations: Value,
    pub description: Option<String>,
    pub category_id: Uuid,
    pub base_price_cents: i64,
    pub currency: Currency,
    pub images: Vec<String>,
    pub videos: Vec<String>,
    pub attributes: BTreeMap<String, Value>,
    pub active: bool,
    pub featured: bool,
    pub requires_prescription: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ProductChanges {
    pub name: Option<String>,
    pub translations: Option<Value>,
    pub description: Option<Option<String>>,
    pub category_id: Option<Uuid>,
    pub base_price_cents: Option<i64>,
    pub currency: Option<Currency>,
    pub images: Option<Vec<String>>,
    pub videos: Option<Vec<String>>,
    pub attributes: Option<BTreeMap<String, Value>>,
    pub active: Option<bool>,
    pub featured: Option<bool>,
    pub requires_prescription: Option<bool>,
}

impl NewProduct {
    pub fn parse(body: ProductBody) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let name = p.check("name", input::one_line(&body.name, MAX_NAME_CHARS));
        let translations = input::product_translations(
            &mut p,
            &body.translations.unwrap_or_default(),
            MAX_NAME_CHARS,
        );
        let description = p.check("description", input::long_text(body.description.as_deref()));
        let price = p.check("base_price_cents", input::price(body.base_price_cents));
        let currency = p.check("currency", input::currency(&body.currency));
        let images = input::media(&mut p, "images", &body.images.unwrap_or_default());
        let videos = input::media(&mut p, "videos", &body.videos.unwrap_or_default());
        let (Some(name), Some(description), Some(base_price_cents), Some(currency)) =
            (name, description, price, currency)
        else {
            return Err(p.into_error());
        };
        p.finish(NewProduct {
            name,
            translations,
            description,
            category_id: body.category_id,
            base_price_cents,
            currency,
            images,
            videos,
            attributes: body.attributes.unwrap_or_default(),
            active: body.active.unwrap_or(true),
            featured: body.featured.unwrap_or(false),
            requires_prescription: body.requires_prescription.unwrap_or(false),
        })
    }
}

/// A flag that cannot be null.
fn flag(p: &mut Problems, field: &str, raw: Option<Option<bool>>) -> Option<bool> {
    match raw {
        Some(None) => {
            p.cannot_be_null(field);
            None
        }
        other => other.flatten(),
    }
}

impl ProductChanges {
    pub fn parse(body: ProductPatch) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let mut c = ProductChanges::default();
        match body.name {
            None => {}
            Some(None) => p.cannot_be_null("name"),
            Some(Some(raw)) => c.name = p.check("name", input::one_line(&raw, MAX_NAME_CHARS)),
        }
        if let Some(raw) = body.translations {
            c.translations = Some(input::product_translations(
                &mut p,
                &raw.unwrap_or_default(),
                MAX_NAME_CHARS,
            ));
        }
        if let Some(raw) = body.description {
            c.description = p.check("description", input::long_text(raw.as_deref()));
        }
        match body.category_id {
            None => {}
            Some(None) => p.cannot_be_null("category_id"),
            Some(Some(id)) => c.category_id = Some(id),
        }
        match body.base_price_cents {
            None => {}
            Some(None) => p.cannot_be_null("base_price_cents"),
            Some(Some(raw)) => c.base_price_cents = p.check("base_price_cents", input::price(raw)),
        }
        match body.currency {
            None => {}
            Some(None) => p.cannot_be_null("currency"),
            Some(Some(raw)) => c.currency = p.check("currency", input::currency(&raw)),
        }
        if let Some(raw) = body.images {
            c.images = Some(input::media(&mut p, "images", &raw.unwrap_or_default()));
        }
        if let Some(raw) = body.videos {
            c.videos = Some(input::media(&mut p, "videos", &raw.unwrap_or_default()));
        }
        if let Some(raw) = body.attributes {
            c.attributes = Some(raw.unwrap_or_default());
        }
        c.active = flag(&mut p, "active", body.active);
        c.featured = flag(&mut p, "featured", body.featured);
        c.requires_prescription = flag(&mut p, "requires_prescription", body.requires_prescription);
        p.finish(c)
    }
}

/// A product as stored (the search vector aside).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = products, check_for_backend(diesel::pg::Pg))]
pub struct ProductRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub name: String,
    pub translations: Value,
    pub description: Option<String>,
    pub base_price_cents: i64,
    pub currency: String,
    pub images: Vec<String>,
    pub videos: Vec<String>,
    pub attributes: Value,
    pub active: bool,
    pub featured: bool,
    pub requires_prescription: bool,
    pub view_count: i64,
    pub sold_count: i64,
    pub min_price_cents: i64,
    pub in_stock: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A product with its variants and the way down to its category.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Product)]
pub struct ProductView {
    pub id: Uuid,
    pub category_id: Uuid,
    pub name: String,
    /// The name in the language asked for (`?lang=` or Accept-Language),
    /// else `name`.
    pub display_name: String,
    pub description: Option<String>,
    /// The description in the language asked for, else `description`.
    pub display_description: Option<String>,
    #[schema(value_type = BTreeMap<String, TranslationBody>)]
    pub translations: Value,
    pub base_price_cents: i64,
    /// The cheapest variant on sale's price (the base price without any).
    pub min_price_cents: i64,
    pub currency: String,
    pub images: Vec<String>,
    pub videos: Vec<String>,
    /// Values of the attributes that are the same for every variant.
    #[schema(value_type = BTreeMap<String, String>)]
    pub attributes: Value,
    pub active: bool,
    pub featured: bool,
    pub requires_prescription: bool,
    /// Whether a variant on sale has stock.
    pub in_stock: bool,
    /// Detail reads, counted in batches: a few seconds behind.
    pub view_count: i64,
    /// Units sold by paid orders.
    pub sold_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// On sale ones only, unless staff ask for every one.
    pub variants: Vec<VariantView>,
    /// From the top-level category down to the product's.
    pub breadcrumbs: Vec<Crumb>,
}

impl ProductView {
    pub fn of(
        row: ProductRow,
        variants: Vec<VariantView>,
        breadcrumbs: Vec<Crumb>,
        lang: Option<Locale>,
    ) -> Self {
        let display_description = translated_member(&row.translations, lang, "description")
            .map(str::to_string)
            .or_else(|| row.description.clone());
        let display_name = translated_member(&row.translations, lang, "name")
            .map(str::to_string)
            .unwrap_or_else(|| row.name.clone());
        ProductView {
            display_name,
            display_description,
            id: row.id,
            category_id: row.category_id,
            name: row.name,
            description: row.description,
            translations: row.translations,
            base_price_cents: row.base_price_cents,
            min_price_cents: row.min_price_cents,
            currency: row.currency,
            images: row.images,
            videos: row.videos,
            attributes: row.attributes,
            active: row.active,
            featured: row.featured,
            requires_prescription: row.requires_prescription,
            in_stock: row.in_stock,
            view_count: row.view_count,
            sold_count: row.sold_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
            variants,
            breadcrumbs,
        }
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
