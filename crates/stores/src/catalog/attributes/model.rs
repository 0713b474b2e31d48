//! Category attributes on the wire: the bodies staff send, the checked
//! values they become, the stored row and the view readers get.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::values;
use crate::catalog::error::CatalogError;
use crate::catalog::input::{self, printable, Problems};
use crate::catalog::locale::{display_name, names_json, Locale};
use crate::schema::category_attributes;
use kernel::input::present;

pub const MAX_CODE_CHARS: usize = 40;
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_OPTIONS: usize = 100;
pub const MAX_OPTION_CHARS: usize = 80;

kernel::text_enum! {
    /// What an attribute's values are: a colour (options carry `#rrggbb`),
    /// a size, free text or a number.
    pub enum AttributeKind {
        Color => "color",
        Size => "size",
        Text => "text",
        Number => "number",
    }
}

/// One allowed value; colours carry their `#rrggbb` for swatches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = AttributeOption)]
pub struct AttrOption {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^#[0-9a-f]{6}$")]
    pub hex: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = AttributeOptionBody)]
pub struct OptionBody {
    /// Text, or a number for `number` attributes.
    #[schema(value_type = String, max_length = 80)]
    pub value: Value,
    /// `#rrggbb`: required for `color` attributes, refused for others.
    #[serde(default)]
    #[schema(pattern = "^#[0-9a-fA-F]{6}$")]
    pub hex: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributeBody {
    /// How products name the attribute in their values: lower-case letters,
    /// digits and `_`, starting with a letter. Unique along the branch
    /// (the category, the categories above and below it). Cannot change.
    #[schema(pattern = "^[a-z][a-z0-9_]{0,39}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 80)]
    pub name: String,
    /// The name in other languages: `{"fa": "...", "ar": "..."}`.
    #[serde(default)]
    pub translations: Option<BTreeMap<String, String>>,
    /// `color`, `size`, `text` or `number`. Cannot change.
    #[schema(value_type = AttributeKind)]
    pub kind: String,
    /// Every product (or every variant, for a variant attribute) must
    /// give a value. False when left out.
    #[serde(default)]
    pub required: Option<bool>,
    /// Whether variants differ by it (colour, size); then each variant
    /// gives its value, otherwise the product does. Cannot change.
    #[serde(default)]
    pub variant: Option<bool>,
    /// The allowed values, in order; empty or left out allows any value of
    /// the kind (for colours: `#rrggbb` or a common colour name).
    #[serde(default)]
    #[schema(max_items = 100)]
    pub options: Option<Vec<OptionBody>>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i64>,
}

/// A partial update. The code, kind and `variant` cannot change: stored
/// values depend on them.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributePatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, min_length = 1, max_length = 80)]
    pub name: Option<Option<String>>,
    /// Replaces every translation; null removes them.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub translations: Option<Option<BTreeMap<String, String>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub required: Option<Option<bool>>,
    /// Replaces the options; null or empty allows any value. Values
    /// already stored stay as they are.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<OptionBody>>, max_items = 100)]
    pub options: Option<Option<Vec<OptionBody>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64, minimum = 0, maximum = 1000000)]
    pub position: Option<Option<i64>>,
}

#[derive(Debug, Clone)]
pub struct NewAttribute {
    pub code: String,
    pub name: String,
    pub translations: BTreeMap<Locale, String>,
    pub kind: AttributeKind,
    pub required: bool,
    pub variant: bool,
    pub options: Vec<AttrOption>,
    pub position: i32,
}

#[derive(Debug, Clone, Default)]
pub struct AttributeChanges {
    pub name: Option<String>,
    pub translations: Option<BTreeMap<Locale, String>>,
    pub required: Option<bool>,
    pub options: Option<Vec<AttrOption>>,
    pub position: Option<i32>,
}

pub fn code(raw: &str) -> Result<String, String> {
    let valid = (1..=MAX_CODE_CHARS).contains(&raw.len())
        && raw.starts_with(|c: char| c.is_ascii_lowercase())
        && raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if valid {
        Ok(raw.to_string())
    } else {
        Err(format!(
            "{:?} is not a code: lower-case letters, digits and _, starting with a letter, at \
             most {MAX_CODE_CHARS} characters",
            printable(raw)
        ))
    }
}

/// The options of an attribute of `kind`: values unique in any case,
/// numbers in their stored spelling, colours with their hex.
fn options(p: &mut Problems, kind: AttributeKind, raw: &[OptionBody]) -> Vec<AttrOption> {
    if raw.len() > MAX_OPTIONS {
        p.push(
            "options",
            format!(
                "has {} options; at most {MAX_OPTIONS} are allowed",
                raw.len()
            ),
        );
        return Vec::new();
    }
    let mut out: Vec<AttrOption> = Vec::with_capacity(raw.len());
    for (i, option) in raw.iter().enumerate() {
        let field = format!("options[{i}]");
        let text = match &option.value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err("value must be text or a number".to_string()),
        };
        let value = p.check(&format!("{field}.value"), text).and_then(|t| {
            let checked = match kind {
                AttributeKind::Number => values::number(t.trim()),
                _ => input::one_line(&t, MAX_OPTION_CHARS),
            };
            p.check(&format!("{field}.value"), checked)
        });
        let hex = match (kind, option.hex.as_deref()) {
            (AttributeKind::Color, Some(hex)) => p
                .check(
                    &format!("{field}.hex"),
                    branding::AccentColour::parse(hex).map(|c| c.as_str().to_string()),
                )
                .map(Some),
            (AttributeKind::Color, None) => {
                p.push(
                    &format!("{field}.hex"),
                    "is required for a colour, as #rrggbb",
                );
                None
            }
            (_, Some(_)) => {
                p.push(&format!("{field}.hex"), "is only for colour attributes");
                None
            }
            (_, None) => Some(None),
        };
        let (Some(value), Some(hex)) = (value, hex) else {
            continue;
        };
        if out
            .iter()
            .any(|o| o.value.to_lowercase() == value.to_lowercase())
        {
            p.push(
                &format!("{field}.value"),
                format!("{value:?} is listed twice"),
            );
            continue;
        }
        out.push(AttrOption { value, hex });
    }
    out
}

impl NewAttribute {
    pub fn parse(body: AttributeBody) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let code = p.check("code", code(&body.code));
        let name = p.check("name", input::one_line(&body.name, MAX_NAME_CHARS));
        let translations = input::names(
            &mut p,
            "translations",
            &body.translations.unwrap_or_default(),
            MAX_NAME_CHARS,
        );
        let kind = p.check(
            "kind",
            AttributeKind::parse(&body.kind).ok_or_else(|| {
                format!(
                    "{:?} is not one of {}",
                    printable(&body.kind),
                    AttributeKind::choices()
                )
            }),
        );
        let options = kind.map(|k| options(&mut p, k, &body.options.unwrap_or_default()));
        let position = p.check("position", input::position(body.position.unwrap_or(0)));
        let (Some(code), Some(name), Some(kind), Some(options), Some(position)) =
            (code, name, kind, options, position)
        else {
            return Err(p.into_error());
        };
        p.finish(NewAttribute {
            code,
            name,
            translations,
            kind,
            required: body.required.unwrap_or(false),
            variant: body.variant.unwrap_or(false),
            options,
            position,
        })
    }
}

impl AttributeChanges {
    /// `kind` is the attribute's, for checking new options.
    pub fn parse(body: AttributePatch, kind: AttributeKind) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let mut changes = AttributeChanges::default();
        match body.name {
            None => {}
            Some(None) => p.cannot_be_null("name"),
            Some(Some(raw)) => {
                changes.name = p.check("name", input::one_line(&raw, MAX_NAME_CHARS));
            }
        }
        if let Some(raw) = body.translations {
            changes.translations = Some(input::names(
                &mut p,
                "translations",
                &raw.unwrap_or_default(),
                MAX_NAME_CHARS,
            ));
        }
        match body.required {
            None => {}
            Some(None) => p.cannot_be_null("required"),
            Some(Some(required)) => changes.required = Some(required),
        }
        if let Some(raw) = body.options {
            changes.options = Some(options(&mut p, kind, &raw.unwrap_or_default()));
        }
        match body.position {
            None => {}
            Some(None) => p.cannot_be_null("position"),
            Some(Some(raw)) => changes.position = p.check("position", input::position(raw)),
        }
        p.finish(changes)
    }
}

/// An attribute as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = category_attributes, check_for_backend(diesel::pg::Pg))]
pub struct AttributeRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub code: String,
    pub name: String,
    pub translations: Value,
    pub kind: AttributeKind,
    pub required: bool,
    pub variant: bool,
    pub options: Value,
    pub position: i32,
    pub created_at: DateTime<Utc>,
}

/// What checking values needs of an attribute.
#[derive(Debug, Clone)]
pub struct AttributeDef {
    pub code: String,
    pub kind: AttributeKind,
    pub required: bool,
    pub variant: bool,
    pub options: Vec<AttrOption>,
}

/// Stored options that do not read (written by hand) count as none.
fn stored_options(options: &Value) -> Vec<AttrOption> {
    serde_json::from_value(options.clone()).unwrap_or_default()
}

impl AttributeDef {
    pub fn of(row: &AttributeRow) -> Self {
        AttributeDef {
            code: row.code.clone(),
            kind: row.kind,
            required: row.required,
            variant: row.variant,
            options: stored_options(&row.options),
        }
    }
}

/// An attribute as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CategoryAttribute)]
pub struct AttributeView {
    pub id: Uuid,
    /// The category that defines it.
    pub category_id: Uuid,
    /// Defined by a category above the one asked about.
    pub inherited: bool,
    pub code: String,
    pub name: String,
    pub display_name: String,
    #[schema(value_type = BTreeMap<String, String>)]
    pub translations: Value,
    pub kind: AttributeKind,
    pub required: bool,
    pub variant: bool,
    pub options: Vec<AttrOption>,
    pub position: i32,
    pub created_at: DateTime<Utc>,
}

impl AttributeView {
    pub fn of(row: AttributeRow, asked: Uuid, lang: Option<Locale>) -> Self {
        AttributeView {
            display_name: display_name(&row.translations, lang, &row.name),
            inherited: row.category_id != asked,
            options: stored_options(&row.options),
            id: row.id,
            category_id: row.category_id,
            code: row.code,
            name: row.name,
            translations: row.translations,
            kind: row.kind,
            required: row.required,
            variant: row.variant,
            position: row.position,
            created_at: row.created_at,
        }
    }
}

pub(crate) fn options_json(options: &[AttrOption]) -> Value {
    serde_json::to_value(options).unwrap_or_else(|_| Value::Array(Vec::new()))
}

pub(crate) fn translations_json(names: &BTreeMap<Locale, String>) -> Value {
    names_json(names)
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
