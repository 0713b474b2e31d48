//! The product form's values: what was typed (to show it again), read
//! into the API's own request bodies, which the catalog then checks, and
//! the message beside each field it refused. A price or a category the
//! page cannot read is marked by the page, together with whatever the
//! catalog's own checks refuse, so one answer shows every problem.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use stores::catalog::input::TranslationBody;
use stores::catalog::products::{ProductBody, ProductPatch};
use stores::catalog::ProductView;
use uuid::Uuid;

use super::super::amount;
use super::super::refuse::Refusal;
use super::super::LANGS;
use super::attrs;
use crate::pages::layer::{Form, Page};

#[derive(Default)]
pub struct Typed {
    pub name: String,
    pub description: String,
    /// The name and description in each of `LANGS`.
    pub names: [String; 3],
    pub descriptions: [String; 3],
    pub category: String,
    pub price: String,
    pub currency: String,
    /// One https:// link a line.
    pub images: String,
    pub active: bool,
    pub featured: bool,
    pub prescription: bool,
    /// The product attributes' values, by code.
    pub values: BTreeMap<String, String>,
}

/// The message beside each refused field.
#[derive(Default)]
pub struct Errors {
    pub name: Option<String>,
    pub description: Option<String>,
    pub names: [Option<String>; 3],
    pub descriptions: [Option<String>; 3],
    pub category: Option<String>,
    pub price: Option<String>,
    pub currency: Option<String>,
    pub images: Option<String>,
    pub values: BTreeMap<String, String>,
}

/// What the page could read of the price and the category; the fields
/// it could not are the page's own refusal.
pub struct Read {
    pub price: i64,
    pub category: Uuid,
    pub unread: Vec<&'static str>,
}

fn member(translations: &Value, lang: &str, name: &str) -> String {
    translations
        .get(lang)
        .and_then(|t| t.get(name))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

impl Typed {
    /// A new product's form in `category`: on sale, in the usual currency.
    pub fn blank(category: Uuid, currency: &str) -> Typed {
        Typed {
            category: category.to_string(),
            currency: currency.to_string(),
            active: true,
            ..Typed::default()
        }
    }

    pub fn of(v: &ProductView, p: &Page) -> Typed {
        Typed {
            name: v.name.clone(),
            description: v.description.clone().unwrap_or_default(),
            names: LANGS.map(|l| member(&v.translations, l, "name")),
            descriptions: LANGS.map(|l| member(&v.translations, l, "description")),
            category: v.category_id.to_string(),
            price: amount::cents_input(v.base_price_cents, p.lang),
            currency: v.currency.clone(),
            images: v.images.join("\n"),
            active: v.active,
            featured: v.featured,
            prescription: v.requires_prescription,
            values: attrs::stored(&v.attributes),
        }
    }

    /// The form as posted; `values` are those of the attributes of the
    /// category it names.
    pub fn from_form(f: &Form, values: BTreeMap<String, String>) -> Typed {
        Typed {
            name: f.raw("name"),
            description: f.raw("description"),
            names: LANGS.map(|l| f.raw(&format!("name_{l}"))),
            descriptions: LANGS.map(|l| f.raw(&format!("description_{l}"))),
            category: f.raw("category_id"),
            price: f.raw("price"),
            currency: f.raw("currency"),
            images: f.raw("images"),
            active: f.checked("active"),
            featured: f.checked("featured"),
            prescription: f.checked("requires_prescription"),
            values,
        }
    }

    /// The price and category, with what could not be read in their
    /// place (0, the nil id) so the catalog still checks the rest.
    pub fn read(&self) -> Read {
        let mut unread = Vec::new();
        let price = amount::cents(&self.price).unwrap_or_else(|| {
            unread.push("base_price_cents");
            0
        });
        let category = Uuid::parse_str(self.category.trim()).unwrap_or_else(|_| {
            unread.push("category_id");
            Uuid::nil()
        });
        Read {
            price,
            category,
            unread,
        }
    }

    fn images(&self) -> Vec<String> {
        self.images
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The translations typed; a language with neither a name nor a
    /// description has none.
    fn translations(&self) -> BTreeMap<String, TranslationBody> {
        LANGS
            .iter()
            .zip(self.names.iter().zip(&self.descriptions))
            .filter(|(_, (n, d))| !n.trim().is_empty() || !d.trim().is_empty())
            .map(|(lang, (name, description))| {
                let description = Some(description.clone()).filter(|d| !d.trim().is_empty());
                (
                    lang.to_string(),
                    TranslationBody {
                        name: name.clone(),
                        description,
                    },
                )
            })
            .collect()
    }

    fn description(&self) -> Option<String> {
        Some(self.description.clone()).filter(|d| !d.trim().is_empty())
    }

    pub fn body(&self, read: &Read) -> ProductBody {
        ProductBody {
            name: self.name.clone(),
            translations: Some(self.translations()),
            description: self.description(),
            category_id: read.category,
            base_price_cents: read.price,
            currency: self.currency.clone(),
            images: Some(self.images()),
            videos: None,
            attributes: Some(attrs::body(&self.values)),
            active: Some(self.active),
            featured: Some(self.featured),
            requires_prescription: Some(self.prescription),
        }
    }

    /// Every field of the form; translations into languages the form does
    /// not show (set through the API) are kept, as are the videos.
    pub fn patch(&self, read: &Read, stored: &Value) -> ProductPatch {
        let mut translations: BTreeMap<String, TranslationBody> = stored
            .as_object()
            .map(Map::iter)
            .into_iter()
            .flatten()
            .filter(|(lang, _)| !LANGS.contains(&lang.as_str()))
            .filter_map(|(lang, t)| {
                Some((
                    lang.clone(),
                    TranslationBody {
                        name: t.get("name")?.as_str()?.to_string(),
                        description: t
                            .get("description")
                            .and_then(Value::as_str)
                            .map(str::to_string),
                    },
                ))
            })
            .collect();
        translations.extend(self.translations());
        ProductPatch {
            name: Some(Some(self.name.clone())),
            translations: Some(Some(translations)),
            description: Some(self.description()),
            category_id: Some(Some(read.category)),
            base_price_cents: Some(Some(read.price)),
            currency: Some(Some(self.currency.clone())),
            images: Some(Some(self.images())),
            videos: None,
            attributes: Some(Some(attrs::body(&self.values))),
            active: Some(Some(self.active)),
            featured: Some(Some(self.featured)),
            requires_prescription: Some(Some(self.prescription)),
        }
    }
}

impl Errors {
    /// The fields the catalog (or the page) refused, each with this
    /// form's message.
    pub fn of(p: &Page, r: &Refusal, typed: &Typed) -> Errors {
        let said = |refused: bool, key: &str| refused.then(|| p.t(key));
        let images = if r.under("images") {
            let lines = r.lines("images");
            Some(if lines.is_empty() {
                p.t("admin-shop-error-images")
            } else {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|n| p.fmt.number(i64::try_from(*n).unwrap_or_default()))
                    .collect();
                p.t1("admin-shop-error-image-lines", "lines", lines.join(", "))
            })
        } else {
            None
        };
        Errors {
            name: said(r.has("name"), "admin-shop-error-product-name"),
            description: said(r.has("description"), "admin-shop-error-description"),
            names: LANGS.map(|l| {
                said(
                    r.has(&format!("translations.{l}.name")),
                    "admin-shop-error-translated-name",
                )
            }),
            descriptions: LANGS.map(|l| {
                said(
                    r.has(&format!("translations.{l}.description")),
                    "admin-shop-error-description",
                )
            }),
            category: said(r.has("category_id"), "admin-shop-error-category"),
            price: said(r.has("base_price_cents"), "admin-shop-error-price"),
            currency: said(r.has("currency"), "admin-shop-error-currency"),
            images,
            values: attrs::errors(p, r, &typed.values),
        }
    }
}
