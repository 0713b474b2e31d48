//! The values of a category's attributes as form fields: a product gives
//! those that are the same for all its variants, each variant those its
//! variants differ by. An attribute with options is a select of them;
//! one without is typed. The catalog checks every value against the
//! attribute; a refused one gets its message here, in the page's words.

use std::collections::BTreeMap;

use serde_json::Value;
use stores::catalog::attributes::{AttributeKind, AttributeView};

use super::super::refuse::Refusal;
use super::super::ui::{Field, Opt};
use crate::pages::layer::{Form, Page};

/// The form field that holds the attribute's value.
pub fn name(code: &str) -> String {
    format!("attr-{code}")
}

/// The attributes a product (`variant` false) or a variant carries.
pub fn held(attrs: &[AttributeView], variant: bool) -> Vec<&AttributeView> {
    attrs.iter().filter(|a| a.variant == variant).collect()
}

/// The values as typed, by code.
pub fn read(f: &Form, attrs: &[&AttributeView]) -> BTreeMap<String, String> {
    attrs
        .iter()
        .map(|a| (a.code.clone(), f.raw(&name(&a.code))))
        .collect()
}

/// The values as stored (`{"code": "text"}`), by code.
pub fn stored(values: &Value) -> BTreeMap<String, String> {
    values
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// The values as the catalog takes them; a blank one is not given.
pub fn body(values: &BTreeMap<String, String>) -> BTreeMap<String, Value> {
    values
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), Value::String(v.trim().to_string())))
        .collect()
}

/// The message beside each value the catalog refused: a missing one is
/// required, a given one does not fit the attribute.
pub fn errors(
    p: &Page,
    refused: &Refusal,
    values: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    values
        .iter()
        .filter(|(code, _)| refused.has(&format!("attributes.{code}")))
        .map(|(code, value)| {
            let key = if value.trim().is_empty() {
                "admin-shop-error-attribute-required"
            } else {
                "admin-shop-error-attribute-value"
            };
            (code.clone(), p.t(key))
        })
        .collect()
}

/// A field per attribute; `prefix` keeps ids apart where two forms on a
/// page ask for the same attribute.
pub fn fields(
    p: &Page,
    attrs: &[&AttributeView],
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    prefix: &str,
) -> Vec<Field> {
    attrs
        .iter()
        .map(|a| {
            let value = values.get(&a.code).cloned().unwrap_or_default();
            let field_name = name(&a.code);
            let field = if a.options.is_empty() {
                let f = Field::text(&field_name, a.display_name.clone(), value);
                match a.kind {
                    AttributeKind::Number => f.amount(),
                    AttributeKind::Color => f.hint(p.t("admin-shop-attribute-colour-hint")),
                    AttributeKind::Size | AttributeKind::Text => f,
                }
            } else {
                let choices = std::iter::once(Opt::new("", p.t("admin-shop-attribute-none")))
                    .chain(a.options.iter().map(|o| Opt::new(&o.value, &o.value)))
                    .collect();
                Field::select(&field_name, a.display_name.clone(), value, choices)
            };
            let field = if a.required { field.required() } else { field };
            field
                .id(format!("{prefix}{field_name}"))
                .error(errors.get(&a.code).cloned())
        })
        .collect()
}
