//! Checking the attribute values of a product or a variant against the
//! attributes its category defines or inherits. Values are stored as text
//! (numbers in one canonical spelling), so a filter or a facet compares
//! like with like.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::model::{AttributeDef, AttributeKind};
use crate::catalog::input::{printable, Problems};
use kernel::error::FieldError;
use kernel::input::required_text;

/// Far more than any category defines; a bigger object is junk.
pub const MAX_VALUES: usize = 100;
pub const MAX_TEXT_CHARS: usize = 200;
pub const MAX_SIZE_CHARS: usize = 40;
const MAX_INT_DIGITS: usize = 15;
const MAX_FRACTION_DIGITS: usize = 6;

/// Colour names a colour attribute without options accepts (besides
/// `#rrggbb`): the common ones shops use.
const COLOUR_NAMES: &[&str] = &[
    "beige",
    "black",
    "blue",
    "bronze",
    "brown",
    "burgundy",
    "charcoal",
    "coral",
    "cream",
    "cyan",
    "gold",
    "gray",
    "green",
    "grey",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lime",
    "magenta",
    "maroon",
    "mint",
    "multicolor",
    "multicolour",
    "navy",
    "olive",
    "orange",
    "pink",
    "purple",
    "red",
    "rose",
    "salmon",
    "silver",
    "tan",
    "teal",
    "turquoise",
    "violet",
    "white",
    "yellow",
];

/// Whose values are being checked: a product carries the attributes that
/// do not make variants, each variant the ones that do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Product,
    Variant,
}

/// The attributes of one category, its own and inherited.
#[derive(Debug, Clone, Default)]
pub struct AttributeSet {
    pub defs: Vec<AttributeDef>,
}

impl AttributeSet {
    fn find(&self, code: &str) -> Option<&AttributeDef> {
        self.defs.iter().find(|d| d.code == code)
    }

    /// The values as stored (`{"code": "text"}`), or every problem, each
    /// under `attributes.<code>`. Null stands for "not set".
    pub fn check(
        &self,
        holder: Holder,
        raw: &BTreeMap<String, Value>,
    ) -> Result<Map<String, Value>, Vec<FieldError>> {
        let mut p = Problems::default();
        if raw.len() > MAX_VALUES {
            p.push(
                "attributes",
                format!("has {} values; at most {MAX_VALUES} are allowed", raw.len()),
            );
            return Err(p.into_errors());
        }
        let mut out = Map::new();
        for (code, value) in raw {
            let field = format!("attributes.{}", printable(code));
            if value.is_null() {
                continue;
            }
            let Some(def) = self.find(code) else {
                p.push(
                    &field,
                    "is not an attribute of this category or of the categories above it",
                );
                continue;
            };
            match (holder, def.variant) {
                (Holder::Product, true) => {
                    p.push(&field, "varies by variant; set it on each variant");
                    continue;
                }
                (Holder::Variant, false) => {
                    p.push(
                        &field,
                        "is the same for every variant; set it on the product",
                    );
                    continue;
                }
                _ => {}
            }
            if let Some(text) = p.check(&field, check_value(def, value)) {
                out.insert(code.clone(), Value::String(text));
            }
        }
        for def in &self.defs {
            let mine = (holder == Holder::Variant) == def.variant;
            // A value sent but refused already has its problem.
            let sent = raw.get(&def.code).is_some_and(|v| !v.is_null());
            if mine && def.required && !sent {
                p.push(&format!("attributes.{}", def.code), "is required");
            }
        }
        if p.is_empty() {
            Ok(out)
        } else {
            Err(p.into_errors())
        }
    }
}

/// One value as stored, or why it does not fit the attribute.
pub fn check_value(def: &AttributeDef, raw: &Value) -> Result<String, String> {
    let text = match raw {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return Err("must be text or a number".into()),
    };
    if !def.options.is_empty() {
        let typed = text.trim();
        let wanted = match def.kind {
            AttributeKind::Number => number(typed)?,
            _ => typed.to_string(),
        };
        return def
            .options
            .iter()
            .find(|o| o.value.to_lowercase() == wanted.to_lowercase())
            .map(|o| o.value.clone())
            .ok_or_else(|| {
                let listed: Vec<&str> = def
                    .options
                    .iter()
                    .take(20)
                    .map(|o| o.value.as_str())
                    .collect();
                format!("{:?} is not one of {}", printable(typed), listed.join(", "))
            });
    }
    match def.kind {
        AttributeKind::Number => number(text.trim()),
        AttributeKind::Color => colour(&text),
        AttributeKind::Size => required_text(&text, MAX_SIZE_CHARS),
        AttributeKind::Text => required_text(&text, MAX_TEXT_CHARS),
    }
}

/// `#rrggbb` (lower-cased) or a common colour name.
fn colour(raw: &str) -> Result<String, String> {
    let typed = raw.trim().to_lowercase();
    if typed.starts_with('#') {
        return branding::AccentColour::parse(&typed).map(|c| c.as_str().to_string());
    }
    if COLOUR_NAMES.contains(&typed.as_str()) {
        return Ok(typed);
    }
    Err(format!(
        "{:?} is not a colour: give #rrggbb or a colour name such as red or navy",
        printable(raw)
    ))
}

/// A decimal number in one spelling: no plus sign, no leading zeros, no
/// trailing zeros after the point, "-0" as "0". At most 15 digits before
/// the point and 6 after, so it stays exact anywhere it is read.
pub fn number(raw: &str) -> Result<String, String> {
    let problem = || {
        format!(
            "{:?} is not a number (digits, an optional minus and decimal point; at most \
             {MAX_INT_DIGITS} digits before the point and {MAX_FRACTION_DIGITS} after)",
            printable(raw)
        )
    };
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (int, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if int.is_empty()
        || int.len() > MAX_INT_DIGITS
        || fraction.len() > MAX_FRACTION_DIGITS
        || !all_digits(int)
        || !all_digits(fraction)
        || (digits.contains('.') && fraction.is_empty())
    {
        return Err(problem());
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let fraction = fraction.trim_end_matches('0');
    let magnitude = if fraction.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{fraction}")
    };
    if negative && magnitude != "0" {
        Ok(format!("-{magnitude}"))
    } else {
        Ok(magnitude)
    }
}

#[cfg(test)]
#[path = "values_test.rs"]
mod tests;
