//! The checkout form: what was typed (to show it again, and as the body
//! the checkout reads, exactly as the API's), and the message beside each
//! field the checkout refused.

use std::collections::HashMap;

use identity::page_session::Holder;
use kernel::error::FieldError;
use serde_json::{json, Map, Value};
use stores::checkout::COUNTRIES;

use crate::pages::layer::{Form, Page};

/// The form's fields, in order; each is its own `id` and `name`.
pub const FIELDS: [&str; 10] = [
    "email",
    "name",
    "phone",
    "line1",
    "line2",
    "city",
    "postal_code",
    "region",
    "country",
    "coupon",
];

#[derive(Default)]
pub struct Typed(HashMap<&'static str, String>);

impl Typed {
    pub fn from_form(f: &Form) -> Typed {
        Typed(FIELDS.iter().map(|k| (*k, f.raw(k))).collect())
    }

    /// A signed-in customer's name and address, else a blank form.
    pub fn of_account(holder: Option<&Holder>) -> Typed {
        let mut typed = Typed::default();
        if let Some(h) = holder {
            typed.0.insert("name", h.name.clone());
            typed.0.insert("email", h.email.clone());
        }
        typed
    }

    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map_or("", String::as_str)
    }

    /// The checkout body the API would get: optional parts left out when
    /// blank, so the same form makes the same body (the Idempotency-Key's
    /// fingerprint) every time.
    pub fn body(&self) -> Value {
        let text = |k: &str| Value::String(self.get(k).trim().to_string());
        let mut address = Map::new();
        for k in ["line1", "line2", "city", "postal_code", "region", "country"] {
            let required = matches!(k, "line1" | "city" | "country");
            if required || !self.get(k).trim().is_empty() {
                address.insert(k.to_string(), text(k));
            }
        }
        let mut body = json!({
            "email": text("email"),
            "name": text("name"),
            "shipping_address": Value::Object(address),
        });
        for k in ["phone", "coupon"] {
            if !self.get(k).trim().is_empty() {
                body[k] = text(k);
            }
        }
        body
    }
}

/// The field of the form an API field error names.
fn form_field(api_field: &str) -> Option<&'static str> {
    let name = api_field
        .strip_prefix("shipping_address.")
        .unwrap_or(api_field);
    FIELDS.iter().copied().find(|f| *f == name)
}

#[derive(Default)]
pub struct FieldErrors(HashMap<&'static str, String>);

impl FieldErrors {
    /// A message beside each field the checkout refused; a field of the
    /// API that is not on the form is none of the visitor's doing.
    pub fn of(p: &Page, errors: &[FieldError]) -> FieldErrors {
        FieldErrors(
            errors
                .iter()
                .filter_map(|e| form_field(&e.field))
                .map(|f| (f, p.t(&format!("shop-error-{f}"))))
                .collect(),
        )
    }

    pub fn set(&mut self, field: &'static str, text: String) {
        self.0.insert(field, text);
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }
}

/// One text field of the form, as the template draws it.
pub struct FieldView {
    pub id: &'static str,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub label: String,
    pub value: String,
    pub max: usize,
    /// Addresses and numbers read left to right in every language.
    pub ltr: bool,
    pub error: Option<String>,
}

/// (id, type, autocomplete, max length, left to right)
type Spec = (&'static str, &'static str, &'static str, usize, bool);

const CONTACT: [Spec; 3] = [
    ("email", "email", "email", 254, true),
    ("name", "text", "name", 200, false),
    ("phone", "tel", "tel", 32, true),
];

const ADDRESS: [Spec; 5] = [
    ("line1", "text", "address-line1", 200, false),
    ("line2", "text", "address-line2", 200, false),
    ("city", "text", "address-level2", 100, false),
    ("postal_code", "text", "postal-code", 20, true),
    ("region", "text", "address-level1", 100, false),
];

fn views(p: &Page, typed: &Typed, errors: &FieldErrors, specs: &[Spec]) -> Vec<FieldView> {
    specs
        .iter()
        .map(|&(id, kind, autocomplete, max, ltr)| FieldView {
            id,
            kind,
            autocomplete,
            label: p.t(&format!("shop-field-{id}")),
            value: typed.get(id).to_string(),
            max,
            ltr,
            error: errors.get(id).map(str::to_string),
        })
        .collect()
}

/// The contact fields (email, name, phone).
pub fn contact(p: &Page, typed: &Typed, errors: &FieldErrors) -> Vec<FieldView> {
    views(p, typed, errors, &CONTACT)
}

/// The address's text fields (the country is a list).
pub fn address(p: &Page, typed: &Typed, errors: &FieldErrors) -> Vec<FieldView> {
    views(p, typed, errors, &ADDRESS)
}

pub struct CountryChoice {
    pub code: &'static str,
    pub selected: bool,
}

pub fn countries(typed: &Typed) -> Vec<CountryChoice> {
    let chosen = typed.get("country").trim().to_ascii_uppercase();
    COUNTRIES
        .iter()
        .map(|code| CountryChoice {
            code,
            selected: *code == chosen,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_optional_parts_stay_out_of_the_body() {
        let mut typed = Typed::default();
        for (k, v) in [
            ("email", " a@example.com "),
            ("name", "Ann"),
            ("line1", "1 Main St"),
            ("city", "Paris"),
            ("country", "FR"),
            ("line2", "  "),
        ] {
            typed.0.insert(k, v.to_string());
        }
        let body = typed.body();
        assert_eq!(body["email"], "a@example.com");
        assert!(body.get("phone").is_none());
        assert!(body["shipping_address"].get("line2").is_none());
        assert_eq!(body["shipping_address"]["country"], "FR");
        assert!(serde_json::from_value::<stores::checkout::CheckoutBody>(body).is_ok());
    }

    #[test]
    fn api_fields_name_form_fields() {
        assert_eq!(form_field("shipping_address.city"), Some("city"));
        assert_eq!(form_field("email"), Some("email"));
        assert_eq!(form_field("lines"), None);
    }
}
