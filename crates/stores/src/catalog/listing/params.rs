//! The product list's query string, checked: filters, search words, sort,
//! page size and cursor. Read from the raw pairs, since `attr` repeats; a
//! parameter this list does not know is refused, so a typo never silently
//! widens what a client sees.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::cursor::Cursor;
use super::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::catalog::attributes::parse_code;
use crate::catalog::error::CatalogError;
use crate::catalog::input::{printable, MAX_PRICE_CENTS};
use crate::catalog::locale::Locale;

pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_ATTRIBUTE_FILTERS: usize = 20;
pub const MAX_ATTRIBUTE_VALUE_CHARS: usize = 200;

kernel::text_enum! {
    /// How the list is ordered: `newest` first, by price (`price_asc`,
    /// `price_desc`), `popular` (units sold) or `relevance` to the search
    /// words (with `q` only).
    pub enum ProductSort {
        Newest => "newest",
        PriceAsc => "price_asc",
        PriceDesc => "price_desc",
        Popular => "popular",
        Relevance => "relevance",
    }
}

/// The product list's parameters, as the API document shows them.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ProductListQuery {
    /// Only products in this category or any category below it.
    category: Option<Uuid>,
    /// Words searched in names and descriptions in every language of the
    /// platform (Persian and Arabic spellings of the same letters match
    /// each other; English and French words match their other forms).
    /// `"quoted phrase"`, `or` and `-word` work as in web search engines.
    #[param(max_length = 200)]
    q: Option<String>,
    /// Lowest price in cents (the cheapest variant on sale).
    #[param(minimum = 0, maximum = 1000000000000_i64)]
    min_price: Option<i64>,
    /// Highest price in cents.
    #[param(minimum = 0, maximum = 1000000000000_i64)]
    max_price: Option<i64>,
    /// `true`: only products with a variant on sale in stock.
    in_stock: Option<bool>,
    /// `code:value`, repeated: `attr=color:red&attr=color:blue&attr=size:M`
    /// is (red or blue) and M, on one variant for variant attributes.
    /// Values are matched exactly as stored (as `facets` lists them).
    #[param(style = Form, explode, max_items = 20, pattern = "^[a-z][a-z0-9_]{0,39}:.+$")]
    attr: Option<Vec<String>>,
    /// `relevance` when `q` is given, else `newest`.
    #[param(inline)]
    sort: Option<ProductSort>,
    /// Page size, 20 when left out.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page (same sort), as it was given.
    cursor: Option<String>,
    /// `true`: the answer also counts the whole filtered set per attribute
    /// value, per category and in stock, with its price range.
    facets: Option<bool>,
    /// `true` with a staff token: products not on sale are listed too.
    include_inactive: Option<bool>,
    /// The language of `display_name` (en, fr, ar, fa); else the
    /// Accept-Language header's.
    #[param(max_length = 35)]
    lang: Option<String>,
}

/// The parameter names the list accepts.
pub const PARAMS: [&str; 12] = [
    "category",
    "q",
    "min_price",
    "max_price",
    "in_stock",
    "attr",
    "sort",
    "limit",
    "cursor",
    "facets",
    "include_inactive",
    "lang",
];

/// The values asked of one attribute: any of them matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrFilter {
    pub code: String,
    pub values: Vec<String>,
}

impl AttrFilter {
    /// `{"code": "value"}` for each value: what a containment test takes.
    pub fn objects(&self) -> Vec<Value> {
        self.values
            .iter()
            .map(|v| {
                let mut m = Map::new();
                m.insert(self.code.clone(), Value::String(v.clone()));
                Value::Object(m)
            })
            .collect()
    }
}

/// Which products a list shows and in what order.
#[derive(Debug, Clone)]
pub struct ProductFilter {
    pub category: Option<Uuid>,
    /// Search words, trimmed.
    pub q: Option<String>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub in_stock: bool,
    /// By code, each code once.
    pub attributes: Vec<AttrFilter>,
    pub sort: ProductSort,
    pub limit: i64,
    pub after: Option<Cursor>,
    /// Products not on sale too (staff only).
    pub include_inactive: bool,
}

impl Default for ProductFilter {
    /// The newest products on sale, a page of the default size.
    fn default() -> Self {
        ProductFilter {
            category: None,
            q: None,
            min_price: None,
            max_price: None,
            in_stock: false,
            attributes: Vec::new(),
            sort: ProductSort::Newest,
            limit: DEFAULT_LIMIT,
            after: None,
            include_inactive: false,
        }
    }
}

/// A list request: the filter, and how to answer.
#[derive(Debug, Clone)]
pub struct ListRequest {
    pub filter: ProductFilter,
    pub facets: bool,
    pub lang: Option<Locale>,
}

fn boolean(param: &str, raw: &str) -> Result<bool, CatalogError> {
    match raw {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(CatalogError::query(param, "must be true or false")),
    }
}

fn cents(param: &str, raw: &str) -> Result<i64, CatalogError> {
    raw.parse::<i64>()
        .ok()
        .filter(|c| (0..=MAX_PRICE_CENTS).contains(c))
        .ok_or_else(|| {
            CatalogError::query(
                param,
                format!("must be a whole number of cents between 0 and {MAX_PRICE_CENTS}"),
            )
        })
}

fn search_words(raw: &str) -> Result<String, CatalogError> {
    if raw.chars().count() > MAX_QUERY_CHARS {
        return Err(CatalogError::query(
            "q",
            format!("is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    if raw.contains('\0') {
        return Err(CatalogError::query("q", "must not contain NUL characters"));
    }
    Ok(raw.to_string())
}

/// `code:value`, added to the filter of its code.
fn attribute(filters: &mut Vec<AttrFilter>, raw: &str) -> Result<(), CatalogError> {
    let Some((code, value)) = raw.split_once(':') else {
        return Err(CatalogError::query(
            "attr",
            format!("{:?} is not code:value, such as color:red", printable(raw)),
        ));
    };
    let code = parse_code(code).map_err(|m| CatalogError::query("attr", m))?;
    let chars = value.chars().count();
    if chars == 0 || chars > MAX_ATTRIBUTE_VALUE_CHARS || value.contains('\0') {
        return Err(CatalogError::query(
            "attr",
            format!(
                "value of {code} must be 1 to {MAX_ATTRIBUTE_VALUE_CHARS} characters, without NUL"
            ),
        ));
    }
    match filters.iter_mut().find(|f| f.code == code) {
        Some(f) if !f.values.iter().any(|v| v == value) => f.values.push(value.to_string()),
        Some(_) => {}
        None => filters.push(AttrFilter {
            code,
            values: vec![value.to_string()],
        }),
    }
    Ok(())
}

impl ListRequest {
    /// The query string's pairs, as sent; `staff` says whether the caller
    /// may see products not on sale.
    pub fn from_pairs(pairs: &[(String, String)], staff: bool) -> Result<Self, CatalogError> {
        let mut f = ProductFilter::default();
        let mut seen: Vec<&str> = Vec::new();
        let mut attr_count = 0;
        let (mut sort, mut limit, mut cursor) = (None, None, None);
        let (mut facets, mut lang) = (false, None);
        for (key, raw) in pairs {
            let Some(name) = PARAMS.iter().copied().find(|p| p == key) else {
                return Err(CatalogError::query(
                    &printable(key),
                    format!("is not a parameter of this list; use {}", PARAMS.join(", ")),
                ));
            };
            if name != "attr" {
                if seen.contains(&name) {
                    return Err(CatalogError::query(name, "is given more than once"));
                }
                seen.push(name);
            }
            let value = raw.trim();
            // A blank parameter (an empty form field) filters nothing.
            if value.is_empty() {
                continue;
            }
            match name {
                "category" => {
                    f.category =
                        Some(Uuid::parse_str(value).map_err(|_| {
                            CatalogError::query("category", "must be a category id")
                        })?);
                }
                "q" => f.q = Some(search_words(value)?),
                "min_price" => f.min_price = Some(cents(name, value)?),
                "max_price" => f.max_price = Some(cents(name, value)?),
                "in_stock" => f.in_stock = boolean(name, value)?,
                "attr" => {
                    attr_count += 1;
                    if attr_count > MAX_ATTRIBUTE_FILTERS {
                        return Err(CatalogError::query(
                            "attr",
                            format!("is given more than {MAX_ATTRIBUTE_FILTERS} times"),
                        ));
                    }
                    attribute(&mut f.attributes, value)?;
                }
                "sort" => {
                    sort = Some(ProductSort::parse(value).ok_or_else(|| {
                        CatalogError::query(
                            "sort",
                            format!("must be one of {}", ProductSort::choices()),
                        )
                    })?);
                }
                "limit" => {
                    let n = value
                        .parse::<i64>()
                        .map_err(|_| CatalogError::query("limit", "must be a whole number"))?;
                    limit = Some(n);
                }
                "cursor" => cursor = Some(value),
                "facets" => facets = boolean(name, value)?,
                "include_inactive" => f.include_inactive = boolean(name, value)? && staff,
                "lang" => lang = Locale::from_tag(value),
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (f.min_price, f.max_price) {
            if min > max {
                return Err(CatalogError::query(
                    "min_price",
                    "must not be above max_price",
                ));
            }
        }
        f.limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&f.limit) {
            return Err(CatalogError::InvalidLimit(f.limit));
        }
        f.sort = match (sort, &f.q) {
            (Some(ProductSort::Relevance), None) => {
                return Err(CatalogError::query(
                    "sort",
                    "relevance needs search words in q",
                ))
            }
            (Some(sort), _) => sort,
            (None, Some(_)) => ProductSort::Relevance,
            (None, None) => ProductSort::Newest,
        };
        f.attributes.sort_by(|a, b| a.code.cmp(&b.code));
        f.after = cursor.map(|c| Cursor::decode(c, f.sort)).transpose()?;
        Ok(ListRequest {
            filter: f,
            facets,
            lang,
        })
    }
}

#[cfg(test)]
#[path = "params_test.rs"]
mod tests;
