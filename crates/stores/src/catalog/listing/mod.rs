//! The public product list: filters (category subtree, attribute values,
//! price range, in stock), full-text search in the platform's languages,
//! sorts with keyset pages, and facet counts. One statement per page, one
//! more for facets when asked.

pub mod cursor;
mod params;
mod sql;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{
    BigInt, Bool, Float4, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid,
};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

pub use params::{
    AttrFilter, ListRequest, ProductFilter, ProductListQuery, ProductSort, MAX_ATTRIBUTE_FILTERS,
    MAX_QUERY_CHARS, PARAMS,
};

use crate::catalog::error::CatalogError;
use crate::catalog::locale::{translated_member, Locale};
use cursor::{Cursor, Key};

pub const DEFAULT_LIMIT: i64 = 20;
/// Asking for more is refused rather than clamped, so a client never
/// mistakes a short page for the end of the list.
pub const MAX_LIMIT: i64 = 100;

/// A product as lists show it: no variants, the first image only.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductSummary {
    pub id: Uuid,
    pub category_id: Uuid,
    pub name: String,
    /// The name in the language asked for, else `name`.
    pub display_name: String,
    #[schema(value_type = BTreeMap<String, crate::catalog::input::TranslationBody>)]
    pub translations: Value,
    pub currency: String,
    pub base_price_cents: i64,
    /// The cheapest variant on sale's price (the base price without any).
    pub min_price_cents: i64,
    pub in_stock: bool,
    /// The first image, if any.
    pub image: Option<String>,
    pub active: bool,
    pub featured: bool,
    pub requires_prescription: bool,
    pub sold_count: i64,
    pub view_count: i64,
    pub created_at: DateTime<Utc>,
    /// How well the product matches the search words (0 without `q`).
    pub rank: f32,
}

/// A row of the list statement (`sql::LIST_COLUMNS` and the rank).
#[derive(QueryableByName)]
struct SummaryRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    category_id: Uuid,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Jsonb)]
    translations: Value,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = BigInt)]
    base_price_cents: i64,
    #[diesel(sql_type = BigInt)]
    min_price_cents: i64,
    #[diesel(sql_type = Bool)]
    in_stock: bool,
    #[diesel(sql_type = Nullable<Text>)]
    image: Option<String>,
    #[diesel(sql_type = Bool)]
    active: bool,
    #[diesel(sql_type = Bool)]
    featured: bool,
    #[diesel(sql_type = Bool)]
    requires_prescription: bool,
    #[diesel(sql_type = BigInt)]
    sold_count: i64,
    #[diesel(sql_type = BigInt)]
    view_count: i64,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
    #[diesel(sql_type = Float4)]
    rank: f32,
}

impl SummaryRow {
    fn view(self, lang: Option<Locale>) -> ProductSummary {
        ProductSummary {
            display_name: translated_member(&self.translations, lang, "name")
                .unwrap_or(&self.name)
                .to_string(),
            id: self.id,
            category_id: self.category_id,
            name: self.name,
            translations: self.translations,
            currency: self.currency,
            base_price_cents: self.base_price_cents,
            min_price_cents: self.min_price_cents,
            in_stock: self.in_stock,
            image: self.image,
            active: self.active,
            featured: self.featured,
            requires_prescription: self.requires_prescription,
            sold_count: self.sold_count,
            view_count: self.view_count,
            created_at: self.created_at,
            rank: self.rank,
        }
    }
}

/// One page of products.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductPage {
    pub items: Vec<ProductSummary>,
    /// Pass as `cursor` for the next page; null on the last one.
    pub next_cursor: Option<String>,
    /// With `facets=true`: counts over every product the filters match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// Counts over the filtered set, for the filters a shop page shows.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = ProductFacets)]
pub struct Facets {
    /// Products the filters match.
    pub total: i64,
    /// Of those, the ones in stock.
    pub in_stock: i64,
    pub price: PriceRange,
    /// Products per category (the product's own category), most first.
    pub categories: Vec<CategoryCount>,
    /// Per attribute code, the products having each value (on themselves
    /// or on a variant on sale), most first.
    pub attributes: Vec<AttributeFacet>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct PriceRange {
    /// Null when nothing matches.
    pub min_cents: Option<i64>,
    pub max_cents: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CategoryCount {
    pub category_id: Uuid,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttributeFacet {
    pub code: String,
    pub values: Vec<ValueCount>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueCount {
    pub value: String,
    pub count: i64,
}

/// The sort key of a row, for the cursor after it.
fn key_of(sort: ProductSort, row: &ProductSummary) -> Key {
    match sort {
        ProductSort::Newest => Key::CreatedAt(row.created_at),
        ProductSort::PriceAsc | ProductSort::PriceDesc => Key::Price(row.min_price_cents),
        ProductSort::Popular => Key::Sold(row.sold_count),
        ProductSort::Relevance => Key::Rank(row.rank),
    }
}

/// One page, in one statement.
pub fn list(
    conn: &mut PgConnection,
    filter: &ProductFilter,
    lang: Option<Locale>,
) -> Result<ProductPage, CatalogError> {
    let rows: Vec<SummaryRow> = sql::list(filter).into_query().load(conn)?;
    let mut items: Vec<ProductSummary> = rows.into_iter().map(|r| r.view(lang)).collect();
    let limit = usize::try_from(filter.limit).unwrap_or(usize::MAX);
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|last| {
            Cursor {
                key: key_of(filter.sort, last),
                id: last.id,
            }
            .encode(filter.sort)
        })
    } else {
        None
    };
    Ok(ProductPage {
        items,
        next_cursor,
        facets: None,
    })
}

#[derive(QueryableByName)]
struct FacetRow {
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = BigInt)]
    in_stock: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    min_price: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    max_price: Option<i64>,
    #[diesel(sql_type = Jsonb)]
    categories: Value,
    #[diesel(sql_type = Jsonb)]
    attributes: Value,
}

/// The facet counts of the filter's whole set, in one statement.
pub fn facets(conn: &mut PgConnection, filter: &ProductFilter) -> Result<Facets, CatalogError> {
    let row: FacetRow = sql::facets(filter).into_query().get_result(conn)?;
    let categories = triples(&row.categories)
        .filter_map(|t| {
            Some(CategoryCount {
                category_id: t.first()?.as_str()?.parse().ok()?,
                count: t.get(1)?.as_i64()?,
            })
        })
        .collect();
    let mut attributes: Vec<AttributeFacet> = Vec::new();
    for t in triples(&row.attributes) {
        let (Some(code), Some(value), Some(count)) = (
            t.first().and_then(Value::as_str),
            t.get(1).and_then(Value::as_str),
            t.get(2).and_then(Value::as_i64),
        ) else {
            continue;
        };
        let value = ValueCount {
            value: value.to_string(),
            count,
        };
        match attributes.last_mut() {
            Some(facet) if facet.code == code => facet.values.push(value),
            _ => attributes.push(AttributeFacet {
                code: code.to_string(),
                values: vec![value],
            }),
        }
    }
    Ok(Facets {
        total: row.total,
        in_stock: row.in_stock,
        price: PriceRange {
            min_cents: row.min_price,
            max_cents: row.max_price,
        },
        categories,
        attributes,
    })
}

/// The arrays of a JSON array of arrays.
fn triples(value: &Value) -> impl Iterator<Item = &Vec<Value>> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
}

/// A list request answered: the page, and facets when asked.
pub fn answer(conn: &mut PgConnection, request: &ListRequest) -> Result<ProductPage, CatalogError> {
    let mut page = list(conn, &request.filter, request.lang)?;
    if request.facets {
        page.facets = Some(facets(conn, &request.filter)?);
    }
    Ok(page)
}
