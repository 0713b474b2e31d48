//! A category's form (to add one, or to change one): its name, the name
//! in the other languages, its parent (none: the top level) and its place
//! among its siblings; read into the API's bodies, refused fields marked.

use stores::catalog::categories::{CategoryBody, CategoryPatch, CategoryView, MAX_NAME_CHARS};
use uuid::Uuid;

use super::super::refuse::Refusal;
use super::super::tree;
use super::super::ui::Field;
use super::super::{amount, name_fields, names, LANGS};
use crate::pages::layer::{Form, Page};
use stores::catalog::CategoryNode;

#[derive(Default)]
pub struct Typed {
    pub name: String,
    pub names: [String; 3],
    pub parent: String,
    pub position: String,
}

#[derive(Default)]
pub struct Errors {
    pub name: Option<String>,
    pub names: [Option<String>; 3],
    pub parent: Option<String>,
    pub position: Option<String>,
}

/// The form's inputs, for the template.
pub struct CategoryForm {
    pub name: Field,
    pub names: Vec<Field>,
    pub parent: Field,
    pub position: Field,
}

/// What the page read of the parent and position.
pub struct Read {
    pub parent: Option<Uuid>,
    pub position: i64,
    pub unread: Vec<&'static str>,
}

impl Typed {
    pub fn blank() -> Typed {
        Typed {
            position: "0".into(),
            ..Typed::default()
        }
    }

    pub fn of(c: &CategoryView) -> Typed {
        let name = |lang: &str| {
            c.translations
                .get(lang)
                .and_then(|n| n.as_str())
                .unwrap_or_default()
                .to_string()
        };
        Typed {
            name: c.name.clone(),
            names: LANGS.map(name),
            parent: c.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            position: c.position.to_string(),
        }
    }

    pub fn from_form(f: &Form) -> Typed {
        Typed {
            name: f.raw("name"),
            names: LANGS.map(|l| f.raw(&format!("name_{l}"))),
            parent: f.raw("parent_id"),
            position: f.raw("position"),
        }
    }

    pub fn read(&self) -> Read {
        let mut unread = Vec::new();
        let parent = match self.parent.trim() {
            "" => None,
            raw => Uuid::parse_str(raw).ok().or_else(|| {
                unread.push("parent_id");
                None
            }),
        };
        let position = match self.position.trim() {
            "" => 0,
            raw => amount::whole(raw).unwrap_or_else(|| {
                unread.push("position");
                0
            }),
        };
        Read {
            parent,
            position,
            unread,
        }
    }

    pub fn body(&self, read: &Read) -> CategoryBody {
        CategoryBody {
            name: self.name.clone(),
            parent_id: read.parent,
            translations: Some(names(&self.names, &serde_json::Value::Null)),
            position: Some(read.position),
        }
    }

    /// Every field of the form; names in languages the form does not
    /// show are kept.
    pub fn patch(&self, read: &Read, stored: &serde_json::Value) -> CategoryPatch {
        CategoryPatch {
            name: Some(Some(self.name.clone())),
            parent_id: Some(read.parent),
            translations: Some(Some(names(&self.names, stored))),
            position: Some(Some(read.position)),
        }
    }
}

impl Errors {
    pub fn of(p: &Page, r: &Refusal) -> Errors {
        let said = |refused: bool, key: &str| refused.then(|| p.t(key));
        let name = match r.code {
            "category_name_taken" => Some(p.t("admin-shop-error-category-name-taken")),
            _ => said(r.has("name"), "admin-shop-error-category-name"),
        };
        let parent = match r.code {
            "category_cycle" => Some(p.t("admin-shop-error-parent-cycle")),
            _ => said(r.has("parent_id"), "admin-shop-error-parent"),
        };
        Errors {
            name,
            names: LANGS.map(|l| {
                said(
                    r.has(&format!("translations.{l}")),
                    "admin-shop-error-translated-name",
                )
            }),
            parent,
            position: said(r.has("position"), "admin-shop-error-position"),
        }
    }
}

impl CategoryForm {
    /// `prefix` keeps ids apart on a page with two such forms.
    pub fn of(
        p: &Page,
        tree: &[CategoryNode],
        typed: Typed,
        errors: Errors,
        prefix: &str,
    ) -> CategoryForm {
        let id = |name: &str| format!("{prefix}{name}");
        CategoryForm {
            name: Field::text("name", p.t("admin-shop-category-name"), typed.name)
                .id(id("name"))
                .required()
                .max(MAX_NAME_CHARS)
                .error(errors.name),
            names: name_fields(p, &typed.names, errors.names, prefix, MAX_NAME_CHARS),
            parent: Field::select(
                "parent_id",
                p.t("admin-shop-category-parent"),
                typed.parent,
                tree::options(tree, Some(p.t("admin-shop-category-top"))),
            )
            .id(id("parent_id"))
            .error(errors.parent),
            position: Field::text("position", p.t("admin-shop-position"), typed.position)
                .id(id("position"))
                .whole()
                .hint(p.t("admin-shop-position-hint"))
                .error(errors.position),
        }
    }
}
