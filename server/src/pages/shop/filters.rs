//! The filter form of the list pages: sort, price range, in stock, and the
//! attribute values the facets count over what the other filters match.

use std::collections::HashMap;

use stores::catalog::listing::Facets;

use super::query::Asked;
use crate::pages::layer::Page;

pub struct SortChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

pub struct ValueChoice {
    /// `code:value`, as the form sends it.
    pub field: String,
    pub id: String,
    pub label: String,
    pub count: String,
    pub checked: bool,
}

pub struct AttributeChoices {
    pub label: String,
    pub values: Vec<ValueChoice>,
}

pub struct FilterForm {
    pub sorts: Vec<SortChoice>,
    /// The facet's range, shown as the price fields' placeholders.
    pub min_hint: String,
    pub max_hint: String,
    pub in_stock_count: String,
    pub attributes: Vec<AttributeChoices>,
}

/// The sorts offered; `relevance` with search words only.
fn sorts(p: &Page, asked: &Asked) -> Vec<SortChoice> {
    let mut values = vec!["newest", "price_asc", "price_desc", "popular"];
    if !asked.q.is_empty() {
        values.insert(0, "relevance");
    }
    let current = if asked.sort.is_empty() {
        values[0]
    } else {
        asked.sort.as_str()
    };
    values
        .into_iter()
        .map(|value| SortChoice {
            value,
            label: p.t(&format!("shop-sort-{value}")),
            selected: value == current,
        })
        .collect()
}

/// A price hint in the currency's units, as the field takes it: "12.50".
fn units(cents: Option<i64>) -> String {
    cents.map_or_else(String::new, |c| format!("{}.{:02}", c / 100, c % 100))
}

/// The form for `facets`; `labels` names attribute codes in the page's
/// language (a code without a name shows as itself). A value the visitor
/// ticked stays listed even when the facets, narrowed by it, count others.
pub fn form(
    p: &Page,
    asked: &Asked,
    facets: Option<&Facets>,
    labels: &HashMap<String, String>,
) -> FilterForm {
    let mut attributes: Vec<AttributeChoices> = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    if let Some(f) = facets {
        for (n, facet) in f.attributes.iter().enumerate() {
            let values = facet
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let field = format!("{}:{}", facet.code, v.value);
                    listed.push(field.clone());
                    ValueChoice {
                        checked: asked.has_attr(&field),
                        field,
                        id: format!("attr-{n}-{i}"),
                        label: v.value.clone(),
                        count: p.fmt.number(v.count),
                    }
                })
                .collect();
            attributes.push(AttributeChoices {
                label: labels
                    .get(&facet.code)
                    .cloned()
                    .unwrap_or_else(|| facet.code.clone()),
                values,
            });
        }
    }
    // Ticked values the facets no longer count, so they can be unticked.
    let extra: Vec<ValueChoice> = asked
        .attrs
        .iter()
        .filter(|a| !listed.contains(a))
        .enumerate()
        .map(|(i, a)| ValueChoice {
            field: a.clone(),
            id: format!("attr-x-{i}"),
            label: a.split_once(':').map_or(a.as_str(), |(_, v)| v).to_string(),
            count: p.fmt.number(0),
            checked: true,
        })
        .collect();
    if !extra.is_empty() {
        attributes.push(AttributeChoices {
            label: p.t("shop-filter-chosen"),
            values: extra,
        });
    }
    FilterForm {
        sorts: sorts(p, asked),
        min_hint: units(facets.and_then(|f| f.price.min_cents)),
        max_hint: units(facets.and_then(|f| f.price.max_cents)),
        in_stock_count: p.fmt.number(facets.map_or(0, |f| f.in_stock)),
        attributes,
    }
}
