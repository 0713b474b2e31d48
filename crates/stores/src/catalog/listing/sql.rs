//! The SQL of product listings, written out rather than composed through
//! the query builder: the search vector is not in the table definitions,
//! and the shape of the query (the search query, containment tests on variant
//! attributes) is what makes it fast, so it is kept in plain view. Every
//! value is a bind parameter; only fixed fragments are spliced.
//!
//! Each statement is one round trip whose filters sit on the product row
//! (the triggers keep `min_price_cents` and `in_stock` there) and use the
//! indexes of the shop's migration: the category subtree through
//! `categories_path_idx`, the orders through `products_*_idx` (partial on
//! `active`, so the condition is written literally), words through the GIN
//! index on `search`.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use super::cursor::{Cursor, Key};
use super::params::{ProductFilter, ProductSort};
use diesel::sql_types::{Array, BigInt, Float4, Jsonb, Text, Timestamptz, Uuid as SqlUuid};
use kernel::db::Kept;

pub enum Bind {
    Uuid(Uuid),
    Text(String),
    BigInt(i64),
    Real(f32),
    Time(DateTime<Utc>),
    Jsonbs(Vec<Value>),
}

/// SQL text with its parameters, numbered as they are added.
#[derive(Default)]
pub struct Sql {
    pub text: String,
    binds: Vec<Bind>,
    /// The placeholder of the search words, when there are some (see
    /// `search_query`).
    words: Option<String>,
}

impl Sql {
    pub fn push(&mut self, fragment: &str) -> &mut Self {
        self.text.push_str(fragment);
        self
    }

    /// Adds a parameter; its placeholder (`$n`) to put in the text.
    pub fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    /// The statement, kept prepared per connection and tenant
    /// (`kernel::db::Kept`).
    pub fn into_query(self) -> Kept<'static> {
        let mut query = Kept::new(self.text);
        for bind in self.binds {
            query = match bind {
                Bind::Uuid(v) => query.bind::<SqlUuid, _>(v),
                Bind::Text(v) => query.bind::<Text, _>(v),
                Bind::BigInt(v) => query.bind::<BigInt, _>(v),
                Bind::Real(v) => query.bind::<Float4, _>(v),
                Bind::Time(v) => query.bind::<Timestamptz, _>(v),
                Bind::Jsonbs(v) => query.bind::<Array<Jsonb>, _>(v),
            };
        }
        query
    }
}

/// The search words as one tsquery (`store_search_query`: the words
/// folded and stemmed by each language's dictionary, any of them matching,
/// each distinct alternative once), as the statement's rows see it: `w.q`,
/// the one row of a function scan that `from_where` puts before the
/// products.
///
/// In FROM, the function runs once per execution and the products join it
/// through the GIN index on `search`, so the plan PostgreSQL keeps for any
/// words (its generic plan, picked after five runs) is the plan for these
/// words. Called in the WHERE clause and the rank instead, the function
/// was worked out once only when the statement was planned for the words
/// given; a kept plan worked it out for every product (a third of the
/// searches' rate), so each search was planned again at every run: 0.31
/// ms in PostgreSQL, 0.13 of it planning, against 0.22 this way.
pub fn search_query(sql: &mut Sql, words: &str) -> String {
    let q = sql.bind(Bind::Text(words.to_string()));
    sql.words = Some(q);
    "w.q".into()
}

/// How well a product matches the search words.
fn rank(query: &str) -> String {
    format!("ts_rank(p.search, {query})")
}

/// `FROM products p ... WHERE ...`: the filter's conditions, without the
/// page's position; with search words, the products matching them.
pub fn from_where(sql: &mut Sql, f: &ProductFilter) {
    match sql.words.clone() {
        Some(words) => sql.push(&format!(
            " FROM store_search_query({words}) AS w(q) JOIN products p ON p.search @@ w.q WHERE TRUE"
        )),
        None => sql.push(" FROM products p WHERE TRUE"),
    };
    if !f.include_inactive {
        sql.push(" AND p.active");
    }
    if let Some(category) = f.category {
        let c = sql.bind(Bind::Uuid(category));
        sql.push(&format!(
            " AND p.category_id IN (SELECT c.id FROM categories c WHERE c.path @> ARRAY[{c}]::uuid[])"
        ));
    }
    if let Some(min) = f.min_price {
        let m = sql.bind(Bind::BigInt(min));
        sql.push(&format!(" AND p.min_price_cents >= {m}"));
    }
    if let Some(max) = f.max_price {
        let m = sql.bind(Bind::BigInt(max));
        sql.push(&format!(" AND p.min_price_cents <= {m}"));
    }
    if f.in_stock {
        sql.push(" AND p.in_stock");
    }
    attributes(sql, f);
}

/// Attribute filters. A code's values are a product attribute or a variant
/// attribute (the category says which; the query need not ask): a product
/// matches when one variant on sale (in stock, with `in_stock`) has, for
/// every code, one of the values, on itself or on the product. A product
/// without variants matches on its own values.
fn attributes(sql: &mut Sql, f: &ProductFilter) {
    if f.attributes.is_empty() {
        return;
    }
    let sets: Vec<String> = f
        .attributes
        .iter()
        .map(|a| sql.bind(Bind::Jsonbs(a.objects())))
        .collect();
    let on_variant: Vec<String> = sets
        .iter()
        .map(|s| format!("(v.attributes @> ANY ({s}) OR p.attributes @> ANY ({s}))"))
        .collect();
    let on_product: Vec<String> = sets
        .iter()
        .map(|s| format!("p.attributes @> ANY ({s})"))
        .collect();
    let stock = if f.in_stock { " AND v.stock > 0" } else { "" };
    sql.push(&format!(
        " AND (EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.active{stock} AND {}) \
           OR (NOT EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.active) AND {}))",
        on_variant.join(" AND "),
        on_product.join(" AND "),
    ));
}

/// The sort's key expression and direction; relevance ranks by the
/// search query (and without one, ranks nothing: every rank is 0).
fn order_of(sort: ProductSort, search: Option<&str>) -> (String, &'static str) {
    match sort {
        ProductSort::Newest => ("p.created_at".into(), "DESC"),
        ProductSort::PriceAsc => ("p.min_price_cents".into(), "ASC"),
        ProductSort::PriceDesc => ("p.min_price_cents".into(), "DESC"),
        ProductSort::Popular => ("p.sold_count".into(), "DESC"),
        ProductSort::Relevance => (search.map_or_else(|| "0::real".into(), rank), "DESC"),
    }
}

/// Rows after the cursor in the sort's order, the id settling ties. The
/// first condition alone is an index range; the second settles ties.
fn after(sql: &mut Sql, sort: ProductSort, search: Option<&str>, cursor: &Cursor) {
    let (key, direction) = order_of(sort, search);
    let value = match cursor.key {
        Key::CreatedAt(at) => sql.bind(Bind::Time(at)),
        Key::Price(v) | Key::Sold(v) => sql.bind(Bind::BigInt(v)),
        Key::Rank(r) => sql.bind(Bind::Real(r)),
    };
    let id = sql.bind(Bind::Uuid(cursor.id));
    let (wide, strict, id_cmp) = if direction == "ASC" {
        (">=", ">", ">")
    } else {
        ("<=", "<", "<")
    };
    sql.push(&format!(
        " AND {key} {wide} {value} AND ({key} {strict} {value} OR p.id {id_cmp} {id})"
    ));
}

pub const LIST_COLUMNS: &str = "p.id, p.category_id, p.name, p.translations, p.currency, \
     p.base_price_cents, p.min_price_cents, p.in_stock, p.images[1] AS image, p.active, \
     p.featured, p.requires_prescription, p.sold_count, p.view_count, p.created_at";

/// One page of the list: `limit + 1` rows, so the caller knows whether
/// another page follows.
pub fn list(f: &ProductFilter) -> Sql {
    let mut sql = Sql::default();
    let search = f.q.as_deref().map(|words| search_query(&mut sql, words));
    let search = search.as_deref();
    let ranked = search.map_or_else(|| "0::real".into(), rank);
    sql.push(&format!("SELECT {LIST_COLUMNS}, {ranked} AS rank"));
    from_where(&mut sql, f);
    if let Some(cursor) = &f.after {
        after(&mut sql, f.sort, search, cursor);
    }
    let (key, direction) = order_of(f.sort, search);
    let limit = sql.bind(Bind::BigInt(f.limit + 1));
    sql.push(&format!(
        " ORDER BY {key} {direction}, p.id {direction} LIMIT {limit}"
    ));
    sql
}

/// Counts over the whole filtered set (the cursor aside), in one statement:
/// products, those in stock, the price range, per category, and per
/// attribute value (products having it, on themselves or on a variant on
/// sale).
pub fn facets(f: &ProductFilter) -> Sql {
    let mut sql = Sql::default();
    if let Some(words) = f.q.as_deref() {
        search_query(&mut sql, words);
    }
    sql.push(
        "WITH matched AS MATERIALIZED (SELECT p.id, p.category_id, p.attributes, p.min_price_cents, p.in_stock",
    );
    from_where(&mut sql, f);
    let stock = if f.in_stock { " AND v.stock > 0" } else { "" };
    sql.push(&format!(
        ") SELECT \
           (SELECT count(*) FROM matched) AS total, \
           (SELECT count(*) FROM matched WHERE in_stock) AS in_stock, \
           (SELECT min(min_price_cents) FROM matched) AS min_price, \
           (SELECT max(min_price_cents) FROM matched) AS max_price, \
           (SELECT coalesce(jsonb_agg(jsonb_build_array(category_id, n) ORDER BY n DESC, category_id), '[]') \
              FROM (SELECT category_id, count(*) AS n FROM matched GROUP BY category_id) c) AS categories, \
           (SELECT coalesce(jsonb_agg(jsonb_build_array(code, value, n) ORDER BY code, n DESC, value), '[]') \
              FROM (SELECT code, value, count(DISTINCT id) AS n FROM ( \
                  SELECT m.id, a.key AS code, a.value FROM matched m \
                      CROSS JOIN LATERAL jsonb_each_text(m.attributes) a \
                  UNION ALL \
                  SELECT m.id, a.key, a.value FROM matched m \
                      JOIN variants v ON v.product_id = m.id AND v.active{stock} \
                      CROSS JOIN LATERAL jsonb_each_text(v.attributes) a \
              ) x GROUP BY code, value) f) AS attributes"
    ));
    sql
}

#[cfg(test)]
#[path = "sql_test.rs"]
mod tests;
