//! An attribute's form: to add one to a category (its code, kind and
//! whether variants differ by it are chosen then, and never change), or
//! to change one (name, translations, whether it is required, options,
//! place). Options are typed one a line; a colour's line ends with its
//! `#rrggbb` (`Navy #1f2a44`).

use serde_json::Value;
use stores::catalog::attributes::OptionBody;
use stores::catalog::attributes::{AttributeBody, AttributeKind, AttributePatch, AttributeView};

use super::super::refuse::Refusal;
use super::super::ui::{Check, Field, Opt};
use super::super::{amount, name_fields, names, LANGS};
use crate::pages::layer::{Form, Page};

/// At most what the catalog allows of a code and a name.
const MAX_CODE_CHARS: usize = 40;
const MAX_NAME_CHARS: usize = 80;

#[derive(Default)]
pub struct AttrTyped {
    pub code: String,
    pub name: String,
    pub names: [String; 3],
    pub kind: String,
    pub required: bool,
    pub variant: bool,
    /// One option a line.
    pub options: String,
    pub position: String,
}

#[derive(Default)]
pub struct AttrErrors {
    pub code: Option<String>,
    pub name: Option<String>,
    pub names: [Option<String>; 3],
    pub kind: Option<String>,
    pub options: Option<String>,
    pub position: Option<String>,
}

/// The form's inputs; the code, kind and `variant` only when adding.
pub struct AttrForm {
    pub code: Option<Field>,
    pub name: Field,
    pub names: Vec<Field>,
    pub kind: Option<Field>,
    pub required: Check,
    pub variant: Option<Check>,
    pub options: Field,
    pub position: Field,
}

/// A kind in the page's words.
pub fn kind_label(p: &Page, kind: AttributeKind) -> String {
    p.t(&format!("admin-shop-kind-{}", kind.as_str()))
}

impl AttrTyped {
    pub fn blank() -> AttrTyped {
        AttrTyped {
            kind: AttributeKind::Text.as_str().into(),
            position: "0".into(),
            ..AttrTyped::default()
        }
    }

    pub fn of(a: &AttributeView) -> AttrTyped {
        let name = |lang: &str| {
            a.translations
                .get(lang)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        AttrTyped {
            code: a.code.clone(),
            name: a.name.clone(),
            names: LANGS.map(name),
            kind: a.kind.as_str().into(),
            required: a.required,
            variant: a.variant,
            options: a
                .options
                .iter()
                .map(|o| match &o.hex {
                    Some(hex) => format!("{} {hex}", o.value),
                    None => o.value.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            position: a.position.to_string(),
        }
    }

    /// The form as posted; a change keeps the stored code, kind and
    /// `variant` (`stored`), which its form does not send.
    pub fn from_form(f: &Form, stored: Option<&AttributeView>) -> AttrTyped {
        AttrTyped {
            code: stored.map_or_else(|| f.raw("code"), |a| a.code.clone()),
            name: f.raw("name"),
            names: LANGS.map(|l| f.raw(&format!("name_{l}"))),
            kind: stored.map_or_else(|| f.raw("kind"), |a| a.kind.as_str().into()),
            required: f.checked("required"),
            variant: stored.map_or_else(|| f.checked("variant"), |a| a.variant),
            options: f.raw("options"),
            position: f.raw("position"),
        }
    }

    /// The options typed, one a line; on a colour's line a last word
    /// that starts with `#` is its hex.
    fn options(&self) -> Vec<OptionBody> {
        let colour = AttributeKind::parse(self.kind.trim()) == Some(AttributeKind::Color);
        self.options
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let split = line
                    .rsplit_once(char::is_whitespace)
                    .filter(|(_, last)| colour && last.starts_with('#'));
                let (value, hex) = match split {
                    Some((value, hex)) => (value.trim(), Some(hex.to_string())),
                    None => (line, None),
                };
                OptionBody {
                    value: Value::String(value.to_string()),
                    hex,
                }
            })
            .collect()
    }

    /// The position, and the field when the page could not read it.
    pub fn position(&self) -> (i64, Vec<&'static str>) {
        match self.position.trim() {
            "" => (0, Vec::new()),
            raw => match amount::whole(raw) {
                Some(n) => (n, Vec::new()),
                None => (0, vec!["position"]),
            },
        }
    }

    pub fn body(&self, position: i64) -> AttributeBody {
        AttributeBody {
            code: self.code.trim().to_string(),
            name: self.name.clone(),
            translations: Some(names(&self.names, &Value::Null)),
            kind: self.kind.trim().to_string(),
            required: Some(self.required),
            variant: Some(self.variant),
            options: Some(self.options()),
            position: Some(position),
        }
    }

    pub fn patch(&self, position: i64, stored: &Value) -> AttributePatch {
        AttributePatch {
            name: Some(Some(self.name.clone())),
            translations: Some(Some(names(&self.names, stored))),
            required: Some(Some(self.required)),
            options: Some(Some(self.options())),
            position: Some(Some(position)),
        }
    }
}

impl AttrErrors {
    pub fn of(p: &Page, r: &Refusal) -> AttrErrors {
        let said = |refused: bool, key: &str| refused.then(|| p.t(key));
        let code = match r.code {
            "attribute_code_taken" => Some(p.t("admin-shop-error-code-taken")),
            _ => said(r.has("code"), "admin-shop-error-code"),
        };
        let options = r.under("options").then(|| {
            let lines: Vec<String> = r
                .lines("options")
                .iter()
                .map(|n| p.fmt.number(i64::try_from(*n).unwrap_or_default()))
                .collect();
            if lines.is_empty() {
                p.t("admin-shop-error-options")
            } else {
                p.t1("admin-shop-error-option-lines", "lines", lines.join(", "))
            }
        });
        AttrErrors {
            code,
            name: said(r.has("name"), "admin-shop-error-attribute-name"),
            names: LANGS.map(|l| {
                said(
                    r.has(&format!("translations.{l}")),
                    "admin-shop-error-translated-name",
                )
            }),
            kind: said(r.has("kind"), "admin-shop-error-kind"),
            options,
            position: said(r.has("position"), "admin-shop-error-position"),
        }
    }
}

impl AttrForm {
    /// `adding`: the form of a new attribute, with its fixed choices.
    pub fn of(p: &Page, typed: AttrTyped, errors: AttrErrors, adding: bool) -> AttrForm {
        let prefix = if adding { "attr-new-" } else { "" };
        let id = |name: &str| format!("{prefix}{name}");
        let kinds = AttributeKind::ALL
            .iter()
            .map(|k| Opt::new(k.as_str(), kind_label(p, *k)))
            .collect();
        AttrForm {
            code: adding.then(|| {
                Field::text("code", p.t("admin-shop-attribute-code"), typed.code.clone())
                    .id(id("code"))
                    .ltr()
                    .required()
                    .max(MAX_CODE_CHARS)
                    .auto("off")
                    .hint(p.t("admin-shop-attribute-code-hint"))
                    .error(errors.code)
            }),
            name: Field::text("name", p.t("admin-shop-attribute-name"), typed.name)
                .id(id("name"))
                .required()
                .max(MAX_NAME_CHARS)
                .error(errors.name),
            names: name_fields(p, &typed.names, errors.names, prefix, MAX_NAME_CHARS),
            kind: adding.then(|| {
                Field::select(
                    "kind",
                    p.t("admin-shop-attribute-kind"),
                    typed.kind.clone(),
                    kinds,
                )
                .id(id("kind"))
                .error(errors.kind)
            }),
            required: Check::new(
                "required",
                p.t("admin-shop-attribute-required"),
                typed.required,
            )
            .id(id("required"))
            .hint(p.t("admin-shop-attribute-required-hint")),
            variant: adding.then(|| {
                Check::new(
                    "variant",
                    p.t("admin-shop-attribute-variant"),
                    typed.variant,
                )
                .id(id("variant"))
                .hint(p.t("admin-shop-attribute-variant-hint"))
            }),
            options: Field::area(
                "options",
                p.t("admin-shop-attribute-options"),
                typed.options,
                4,
            )
            .id(id("options"))
            .hint(p.t("admin-shop-attribute-options-hint"))
            .error(errors.options),
            position: Field::text("position", p.t("admin-shop-position"), typed.position)
                .id(id("position"))
                .whole()
                .error(errors.position),
        }
    }
}
