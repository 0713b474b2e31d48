//! The list pages' query string: what the filter form and the search box
//! send, in the page's own words (prices in the currency's units, as a
//! visitor types them), read leniently, and turned into the catalog's list
//! request, which checks it as it checks the API's.

use kernel::error::AppError;
use stores::catalog::{CatalogError, ListRequest, Locale};
use uuid::Uuid;

/// Products per page: a full last row on two, three or four columns.
pub const PAGE_SIZE: i64 = 24;
/// More digits than any price the catalog allows.
const MAX_PRICE_DIGITS: usize = 13;

/// What the visitor asked for, as sent (to fill the form again).
#[derive(Debug, Default, Clone)]
pub struct Asked {
    pub q: String,
    pub sort: String,
    pub min: String,
    pub max: String,
    pub in_stock: bool,
    /// `code:value`, as the facets name them.
    pub attrs: Vec<String>,
    pub cursor: Option<String>,
}

impl Asked {
    /// The query string's fields this page knows; others (the language
    /// switcher's `lang`) are not the list's business.
    pub fn parse(query: &str) -> Asked {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let mut asked = Asked::default();
        for (key, value) in pairs {
            match key.as_str() {
                "q" => asked.q = value.trim().to_string(),
                "sort" => asked.sort = value.trim().to_string(),
                "min" => asked.min = value.trim().to_string(),
                "max" => asked.max = value.trim().to_string(),
                "in_stock" => asked.in_stock = matches!(value.as_str(), "1" | "true" | "on"),
                "attr" if !asked.attrs.contains(&value) => asked.attrs.push(value),
                "cursor" => asked.cursor = Some(value),
                _ => {}
            }
        }
        asked
    }

    /// The catalog's request: these filters, in `category`'s subtree.
    pub fn request(
        &self,
        category: Option<Uuid>,
        lang: Option<Locale>,
    ) -> Result<ListRequest, AppError> {
        let mut pairs: Vec<(String, String)> = vec![
            ("limit".into(), PAGE_SIZE.to_string()),
            ("facets".into(), "true".into()),
        ];
        let mut put = |k: &str, v: String| pairs.push((k.to_string(), v));
        if let Some(id) = category {
            put("category", id.to_string());
        }
        if !self.q.is_empty() {
            put("q", self.q.clone());
        }
        if !self.sort.is_empty() {
            put("sort", self.sort.clone());
        }
        for (field, raw) in [("min_price", &self.min), ("max_price", &self.max)] {
            if !raw.is_empty() {
                let cents = cents(raw).ok_or_else(|| {
                    CatalogError::query(field, "must be an amount such as 12 or 12.50")
                })?;
                put(field, cents.to_string());
            }
        }
        if self.in_stock {
            put("in_stock", "true".into());
        }
        for attr in &self.attrs {
            put("attr", attr.clone());
        }
        if let Some(cursor) = &self.cursor {
            put("cursor", cursor.clone());
        }
        let mut request = ListRequest::from_pairs(&pairs, false)?;
        request.lang = lang;
        Ok(request)
    }

    /// `path` with these filters and the page after `cursor`.
    pub fn href(&self, path: &str, cursor: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("sort", &self.sort),
            ("min", &self.min),
            ("max", &self.max),
        ] {
            if !v.is_empty() {
                pairs.push((k, v));
            }
        }
        if self.in_stock {
            pairs.push(("in_stock", "1"));
        }
        for attr in &self.attrs {
            pairs.push(("attr", attr));
        }
        pairs.push(("cursor", cursor));
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{path}?{query}")
    }

    pub fn has_attr(&self, attr: &str) -> bool {
        self.attrs.iter().any(|a| a == attr)
    }

    /// Whether any filter narrows the list (for the "clear" link).
    pub fn filters(&self) -> bool {
        !self.min.is_empty() || !self.max.is_empty() || self.in_stock || !self.attrs.is_empty()
    }
}

/// A digit in any script a visitor's keyboard writes it in.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + u32::from('0')),
        '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + u32::from('0')),
        _ => None,
    }
}

/// "12", "12.5", "12,50" or "۱۲٫۵" as cents; None for anything else.
pub fn cents(raw: &str) -> Option<i64> {
    let mut whole = String::new();
    let mut fraction = String::new();
    let mut after_separator = false;
    for c in raw.trim().chars() {
        if let Some(d) = ascii_digit(c) {
            if after_separator {
                fraction.push(d);
            } else {
                whole.push(d);
            }
        } else if matches!(c, '.' | ',' | '\u{066B}') && !after_separator {
            after_separator = true;
        } else {
            return None;
        }
    }
    if (whole.is_empty() && fraction.is_empty()) || fraction.len() > 2 {
        return None;
    }
    if whole.len() > MAX_PRICE_DIGITS {
        return None;
    }
    let units: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut cents: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    if fraction.len() == 1 {
        cents *= 10;
    }
    units.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
#[path = "query_test.rs"]
mod tests;
