//! Services (what can be booked) and their categories. Staff write, anyone reads.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::error::{AppError, AppResult};
use kernel::input::{optional_long_text, present, required_text};
use kernel::schema::tenant::{service_categories, services};

#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = services, check_for_backend(diesel::pg::Pg))]
pub struct Service {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub duration_minutes: i32,
    pub price_cents: i64,
    pub currency: String,
    pub buffer_before_minutes: i32,
    pub buffer_after_minutes: i32,
    pub category_id: Option<Uuid>,
    pub metadata: serde_json::Value,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceBody {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub duration_minutes: i32,
    #[serde(default)]
    pub price_cents: i64,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub buffer_before_minutes: i32,
    #[serde(default)]
    pub buffer_after_minutes: i32,
    #[serde(default)]
    pub category_id: Option<Uuid>,
    #[serde(default)]
    pub metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub active: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub description: Option<Option<String>>,
    pub duration_minutes: Option<i32>,
    pub price_cents: Option<i64>,
    pub currency: Option<String>,
    pub buffer_before_minutes: Option<i32>,
    pub buffer_after_minutes: Option<i32>,
    #[serde(default, deserialize_with = "present")]
    pub category_id: Option<Option<Uuid>>,
    pub metadata: Option<serde_json::Value>,
    pub active: Option<bool>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = services)]
pub struct ServiceChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub duration_minutes: Option<i32>,
    pub price_cents: Option<i64>,
    pub currency: Option<String>,
    pub buffer_before_minutes: Option<i32>,
    pub buffer_after_minutes: Option<i32>,
    pub category_id: Option<Option<Uuid>>,
    pub metadata: Option<serde_json::Value>,
    pub active: Option<bool>,
}

pub fn minutes(field: &str, v: i32, min: i32, max: i32) -> AppResult<i32> {
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(AppError::invalid(
            field,
            format!("must be between {min} and {max} minutes (got {v})"),
        ))
    }
}

pub fn currency(raw: &str) -> AppResult<String> {
    let c = raw.trim().to_ascii_uppercase();
    if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(AppError::invalid(
            "currency",
            format!("{raw:?} is not a three-letter ISO 4217 code such as EUR"),
        ))
    }
}

pub fn price(v: i64) -> AppResult<i64> {
    if v >= 0 {
        Ok(v)
    } else {
        Err(AppError::invalid("price_cents", "must not be negative"))
    }
}

pub fn metadata(v: serde_json::Value) -> AppResult<serde_json::Value> {
    if v.is_object() {
        Ok(v)
    } else {
        Err(AppError::invalid("metadata", "must be a JSON object"))
    }
}

pub fn name(raw: &str) -> AppResult<String> {
    required_text(raw, 200).map_err(|m| AppError::invalid("name", m))
}

pub fn description(raw: Option<&str>) -> AppResult<Option<String>> {
    optional_long_text(raw, 5000).map_err(|m| AppError::invalid("description", m))
}

pub fn not_found() -> AppError {
    AppError::not_found("service_not_found", "There is no such service.")
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> AppResult<Service> {
    services::table
        .find(id)
        .filter(services::deleted_at.is_null())
        .select(Service::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)
}

pub fn check_category(conn: &mut PgConnection, id: Option<Uuid>) -> AppResult<()> {
    if let Some(id) = id {
        let exists: bool = diesel::select(diesel::dsl::exists(service_categories::table.find(id)))
            .get_result(conn)?;
        if !exists {
            return Err(AppError::invalid(
                "category_id",
                "there is no such service category",
            ));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = service_categories, check_for_backend(diesel::pg::Pg))]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    pub position: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryBody {
    pub name: Option<String>,
    pub position: Option<i32>,
}
