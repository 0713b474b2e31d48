//! Categories on the wire: the bodies staff send, the checked values they
//! become, and the views every reader gets.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::catalog::error::CatalogError;
use crate::catalog::input::{self, Problems};
use crate::catalog::locale::{display_name, Locale};
use crate::schema::categories;
use kernel::input::present;

pub const MAX_NAME_CHARS: usize = 120;
/// Levels from a root category down, the root being 1. Deep enough for
/// any shop; a bound keeps paths, breadcrumbs and the tree's answer small.
pub const MAX_DEPTH: usize = 50;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ProductCategoryBody)]
pub struct CategoryBody {
    /// Unique among its siblings, in any case.
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    /// The parent category; left out or null makes a top-level category.
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// The name in other languages: `{"fa": "...", "ar": "...", "fr": "..."}`.
    #[serde(default)]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub translations: Option<BTreeMap<String, String>>,
    /// Orders siblings, smallest first (then by name); 0 when left out.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i64>,
}

/// A partial update; `parent_id` moves the category with its whole
/// subtree (null: to the top level).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ProductCategoryPatch)]
pub struct CategoryPatch {
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, min_length = 1, max_length = 120)]
    pub name: Option<Option<String>>,
    /// The new parent; null moves the category to the top level.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    /// Replaces every translation; null removes them.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub translations: Option<Option<BTreeMap<String, String>>>,
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64, minimum = 0, maximum = 1000000)]
    pub position: Option<Option<i64>>,
}

#[derive(Debug, Clone)]
pub struct NewCategory {
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub translations: BTreeMap<Locale, String>,
    pub position: i32,
}

/// A checked partial update: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CategoryChanges {
    pub name: Option<String>,
    /// `Some(None)`: to the top level.
    pub parent_id: Option<Option<Uuid>>,
    pub translations: Option<BTreeMap<Locale, String>>,
    pub position: Option<i32>,
}

impl NewCategory {
    pub fn parse(body: CategoryBody) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let name = p.check("name", input::one_line(&body.name, MAX_NAME_CHARS));
        let translations = input::names(
            &mut p,
            "translations",
            &body.translations.unwrap_or_default(),
            MAX_NAME_CHARS,
        );
        let position = p.check("position", input::position(body.position.unwrap_or(0)));
        let (Some(name), Some(position)) = (name, position) else {
            return Err(p.into_error());
        };
        p.finish(NewCategory {
            name,
            parent_id: body.parent_id,
            translations,
            position,
        })
    }
}

impl CategoryChanges {
    pub fn parse(body: CategoryPatch) -> Result<Self, CatalogError> {
        let mut p = Problems::default();
        let mut changes = CategoryChanges::default();
        match body.name {
            None => {}
            Some(None) => p.cannot_be_null("name"),
            Some(Some(raw)) => {
                changes.name = p.check("name", input::one_line(&raw, MAX_NAME_CHARS));
            }
        }
        changes.parent_id = body.parent_id;
        if let Some(raw) = body.translations {
            changes.translations = Some(input::names(
                &mut p,
                "translations",
                &raw.unwrap_or_default(),
                MAX_NAME_CHARS,
            ));
        }
        match body.position {
            None => {}
            Some(None) => p.cannot_be_null("position"),
            Some(Some(raw)) => changes.position = p.check("position", input::position(raw)),
        }
        p.finish(changes)
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.parent_id.is_none()
            && self.translations.is_none()
            && self.position.is_none()
    }
}

/// A category as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = categories, check_for_backend(diesel::pg::Pg))]
pub struct CategoryRow {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub translations: Value,
    pub path: Vec<Uuid>,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A category as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProductCategory)]
pub struct CategoryView {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    /// The name in the language asked for (`?lang=` or Accept-Language),
    /// else `name`.
    pub display_name: String,
    #[schema(value_type = BTreeMap<String, String>)]
    pub translations: Value,
    pub position: i32,
    /// The ids from the top-level category down to this one.
    pub path: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CategoryView {
    pub fn of(row: CategoryRow, lang: Option<Locale>) -> Self {
        CategoryView {
            display_name: display_name(&row.translations, lang, &row.name),
            id: row.id,
            parent_id: row.parent_id,
            name: row.name,
            translations: row.translations,
            position: row.position,
            path: row.path,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// One category with the way down to it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProductCategoryDetail)]
pub struct CategoryDetail {
    #[serde(flatten)]
    pub category: CategoryView,
    /// From the top-level category down to this one, itself included.
    pub breadcrumbs: Vec<Crumb>,
}

/// One step of the way down to a category.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Breadcrumb)]
pub struct Crumb {
    pub id: Uuid,
    pub name: String,
    pub display_name: String,
}

/// A category in the tree, with its subcategories.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProductCategoryNode)]
pub struct CategoryNode {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub display_name: String,
    #[schema(value_type = BTreeMap<String, String>)]
    pub translations: Value,
    pub position: i32,
    /// Products on sale in this category and every subcategory.
    pub product_count: i64,
    #[schema(no_recursion)]
    pub children: Vec<CategoryNode>,
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
