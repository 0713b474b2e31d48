//! A variant's form (added on its product's page, changed on its own):
//! the SKU, its own price or none (the product's), the stock it starts
//! with, the values of the attributes the variants differ by, and whether
//! it is on sale; read into the API's bodies, refused fields marked.

use std::collections::BTreeMap;

use stores::catalog::attributes::AttributeView;
use stores::catalog::variants::{VariantBody, VariantPatch};
use stores::catalog::VariantView;

use super::super::amount;
use super::super::refuse::Refusal;
use super::super::ui::{Check, Field};
use super::attrs;
use crate::pages::layer::{Form, Page};

#[derive(Default)]
pub struct VariantTyped {
    pub sku: String,
    /// Blank: the product's base price.
    pub price: String,
    pub stock: String,
    pub active: bool,
    pub values: BTreeMap<String, String>,
}

#[derive(Default)]
pub struct VariantErrors {
    pub sku: Option<String>,
    pub price: Option<String>,
    pub stock: Option<String>,
    pub values: BTreeMap<String, String>,
}

/// The form's inputs, for the template.
pub struct VariantForm {
    pub sku: Field,
    pub price: Field,
    /// Only when adding: a variant's stock then changes by deltas.
    pub stock: Option<Field>,
    pub values: Vec<Field>,
    pub active: Check,
}

impl VariantTyped {
    pub fn blank() -> VariantTyped {
        VariantTyped {
            stock: "0".into(),
            active: true,
            ..VariantTyped::default()
        }
    }

    pub fn of(v: &VariantView, p: &Page) -> VariantTyped {
        VariantTyped {
            sku: v.sku.clone(),
            price: v
                .price_cents
                .map(|c| amount::cents_input(c, p.lang))
                .unwrap_or_default(),
            stock: v.stock.to_string(),
            active: v.active,
            values: attrs::stored(&v.attributes),
        }
    }

    pub fn from_form(f: &Form, held: &[&AttributeView]) -> VariantTyped {
        VariantTyped {
            sku: f.raw("sku"),
            price: f.raw("price"),
            stock: f.raw("stock"),
            active: f.checked("active"),
            values: attrs::read(f, held),
        }
    }

    /// The price typed (None: the product's), or Err when unreadable.
    fn price(&self) -> Result<Option<i64>, ()> {
        match self.price.trim() {
            "" => Ok(None),
            typed => amount::cents(typed).map(Some).ok_or(()),
        }
    }

    /// A new variant, and the fields the page could not read (left at
    /// the product's price and no stock, so the catalog still checks the
    /// rest).
    pub fn body(&self) -> (VariantBody, Vec<&'static str>) {
        let mut unread = Vec::new();
        let price_cents = self.price().unwrap_or_else(|()| {
            unread.push("price_cents");
            None
        });
        let stock = amount::whole(&self.stock).unwrap_or_else(|| {
            unread.push("stock");
            0
        });
        let body = VariantBody {
            sku: self.sku.clone(),
            price_cents,
            stock,
            attributes: Some(attrs::body(&self.values)),
            active: Some(self.active),
            position: None,
        };
        (body, unread)
    }

    /// Every field of the edit form (the stock changes by deltas only),
    /// and the fields the page could not read.
    pub fn patch(&self) -> (VariantPatch, Vec<&'static str>) {
        let mut unread = Vec::new();
        let price = self.price().unwrap_or_else(|()| {
            unread.push("price_cents");
            None
        });
        let patch = VariantPatch {
            sku: Some(Some(self.sku.clone())),
            price_cents: Some(price),
            stock: None,
            attributes: Some(Some(attrs::body(&self.values))),
            active: Some(Some(self.active)),
            position: None,
        };
        (patch, unread)
    }
}

impl VariantErrors {
    pub fn of(p: &Page, r: &Refusal, typed: &VariantTyped) -> VariantErrors {
        let said = |refused: bool, key: &str| refused.then(|| p.t(key));
        let sku = if r.code == "sku_taken" {
            Some(p.t("admin-shop-error-sku-taken"))
        } else {
            said(r.has("sku"), "admin-shop-error-sku")
        };
        VariantErrors {
            sku,
            price: said(r.has("price_cents"), "admin-shop-error-variant-price"),
            stock: said(r.has("stock"), "admin-shop-error-stock"),
            values: attrs::errors(p, r, &typed.values),
        }
    }
}

impl VariantForm {
    /// The inputs; `prefix` keeps their ids apart from the product form's.
    pub fn of(
        p: &Page,
        held: &[&AttributeView],
        typed: VariantTyped,
        errors: VariantErrors,
        adding: bool,
        prefix: &str,
    ) -> VariantForm {
        let id = |name: &str| format!("{prefix}{name}");
        VariantForm {
            sku: Field::text("sku", p.t("admin-shop-variant-sku"), typed.sku)
                .id(id("sku"))
                .ltr()
                .required()
                .max(64)
                .auto("off")
                .hint(p.t("admin-shop-variant-sku-hint"))
                .error(errors.sku),
            price: Field::text("price", p.t("admin-shop-variant-price"), typed.price)
                .id(id("price"))
                .amount()
                .hint(p.t("admin-shop-variant-price-hint"))
                .error(errors.price),
            stock: adding.then(|| {
                Field::text("stock", p.t("admin-shop-variant-stock"), typed.stock)
                    .id(id("stock"))
                    .whole()
                    .required()
                    .error(errors.stock)
            }),
            values: attrs::fields(p, held, &typed.values, &errors.values, prefix),
            active: Check::new("active", p.t("admin-shop-variant-active"), typed.active)
                .id(id("active")),
        }
    }
}
