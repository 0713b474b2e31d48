//! A service (what can be booked) as the API shows it, and the checked
//! values a request must become before anything reaches the database.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::error::BookingError;
use crate::slots::ServiceShape;
use kernel::input::{optional_long_text, present, required_text, storable_json};
use kernel::schema::tenant::services;
use kernel::values::{Currency, Money};

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
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
    /// The tenant's own data about the service, as it was given.
    #[schema(value_type = Object)]
    pub metadata: Value,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Service {
    /// How long a booking of it lasts and the time it holds around that.
    pub(crate) fn shape(&self) -> ServiceShape {
        ServiceShape {
            duration: Duration::minutes(i64::from(self.duration_minutes)),
            buffer_before: Duration::minutes(i64::from(self.buffer_before_minutes)),
            buffer_after: Duration::minutes(i64::from(self.buffer_after_minutes)),
        }
    }
}

/// Which services a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// What customers and visitors can book.
    Bookable,
    /// Everything not deleted, for staff.
    All,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceBody {
    /// One line: no control characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 5000, pattern = r"^[^\u0000]*$")]
    pub description: Option<String>,
    #[schema(minimum = 5, maximum = 1440)]
    pub duration_minutes: i32,
    /// In the currency's minor unit (cents).
    #[serde(default)]
    #[schema(minimum = 0)]
    pub price_cents: i64,
    /// ISO 4217; EUR when left out.
    #[serde(default)]
    #[schema(pattern = "^[A-Za-z]{3}$", example = "EUR")]
    pub currency: Option<String>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 480)]
    pub buffer_before_minutes: i32,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 480)]
    pub buffer_after_minutes: i32,
    #[serde(default)]
    pub category_id: Option<Uuid>,
    /// A JSON object of the tenant's own.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<Value>,
    #[serde(default)]
    pub active: Option<bool>,
}

/// A partial update; `description` and `category_id` may be set to null.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 5000, pattern = r"^[^\u0000]*$")]
    pub description: Option<Option<String>>,
    #[schema(minimum = 5, maximum = 1440)]
    pub duration_minutes: Option<i32>,
    #[schema(minimum = 0)]
    pub price_cents: Option<i64>,
    #[schema(pattern = "^[A-Za-z]{3}$", example = "EUR")]
    pub currency: Option<String>,
    #[schema(minimum = 0, maximum = 480)]
    pub buffer_before_minutes: Option<i32>,
    #[schema(minimum = 0, maximum = 480)]
    pub buffer_after_minutes: Option<i32>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub category_id: Option<Option<Uuid>>,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<Value>,
    pub active: Option<bool>,
}

/// A checked new service.
#[derive(Debug)]
pub struct NewService {
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) duration_minutes: i32,
    pub(super) price: Money,
    pub(super) buffer_before_minutes: i32,
    pub(super) buffer_after_minutes: i32,
    pub(super) category_id: Option<Uuid>,
    pub(super) metadata: Value,
    pub(super) active: bool,
}

/// A checked partial update: `None` keeps a field as it is.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = services)]
pub struct ServiceChanges {
    name: Option<String>,
    description: Option<Option<String>>,
    duration_minutes: Option<i32>,
    price_cents: Option<i64>,
    currency: Option<String>,
    buffer_before_minutes: Option<i32>,
    buffer_after_minutes: Option<i32>,
    category_id: Option<Option<Uuid>>,
    metadata: Option<Value>,
    active: Option<bool>,
}

impl ServiceChanges {
    /// The category it moves to, which must exist.
    pub(super) fn new_category(&self) -> Option<Uuid> {
        self.category_id.flatten()
    }
}

const DURATION: (i32, i32) = (5, 1440);
const BUFFER: (i32, i32) = (0, 480);

fn minutes(field: &str, v: i32, (min, max): (i32, i32)) -> Result<i32, BookingError> {
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(BookingError::invalid(
            field,
            format!("must be between {min} and {max} minutes (got {v})"),
        ))
    }
}

/// Service and category names: one line of up to 200 characters.
pub(super) fn name(raw: &str) -> Result<String, BookingError> {
    BookingError::field("name", required_text(raw, 200))
}

fn description(raw: Option<&str>) -> Result<Option<String>, BookingError> {
    BookingError::field("description", optional_long_text(raw, 5000))
}

fn currency(raw: &str) -> Result<Currency, BookingError> {
    BookingError::field("currency", Currency::parse(raw))
}

/// A price's amount alone (a change may send it without the currency).
fn amount(minor: i64) -> Result<i64, BookingError> {
    BookingError::field(
        "price_cents",
        Money::price(minor, Currency::EUR).map(|m| m.minor),
    )
}

fn metadata(v: Value) -> Result<Value, BookingError> {
    if !v.is_object() {
        return Err(BookingError::invalid("metadata", "must be a JSON object"));
    }
    BookingError::field("metadata", storable_json(&v))?;
    Ok(v)
}

impl NewService {
    /// The first field that breaks a rule is reported, in this order.
    pub fn parse(b: ServiceBody) -> Result<Self, BookingError> {
        let name = name(&b.name)?;
        let description = description(b.description.as_deref())?;
        let duration_minutes = minutes("duration_minutes", b.duration_minutes, DURATION)?;
        // The amount is checked before the currency, as the API always has.
        let minor = amount(b.price_cents)?;
        let currency = currency(b.currency.as_deref().unwrap_or("EUR"))?;
        Ok(NewService {
            name,
            description,
            duration_minutes,
            price: Money { minor, currency },
            buffer_before_minutes: minutes(
                "buffer_before_minutes",
                b.buffer_before_minutes,
                BUFFER,
            )?,
            buffer_after_minutes: minutes("buffer_after_minutes", b.buffer_after_minutes, BUFFER)?,
            category_id: b.category_id,
            metadata: metadata(b.metadata.unwrap_or_else(|| serde_json::json!({})))?,
            active: b.active.unwrap_or(true),
        })
    }
}

impl ServiceChanges {
    pub fn parse(p: ServicePatch) -> Result<Self, BookingError> {
        Ok(ServiceChanges {
            name: p.name.as_deref().map(name).transpose()?,
            description: p
                .description
                .map(|d| description(d.as_deref()))
                .transpose()?,
            duration_minutes: p
                .duration_minutes
                .map(|v| minutes("duration_minutes", v, DURATION))
                .transpose()?,
            price_cents: p.price_cents.map(amount).transpose()?,
            currency: p
                .currency
                .as_deref()
                .map(|c| currency(c).map(|c| c.as_str().to_string()))
                .transpose()?,
            buffer_before_minutes: p
                .buffer_before_minutes
                .map(|v| minutes("buffer_before_minutes", v, BUFFER))
                .transpose()?,
            buffer_after_minutes: p
                .buffer_after_minutes
                .map(|v| minutes("buffer_after_minutes", v, BUFFER))
                .transpose()?,
            category_id: p.category_id,
            metadata: p.metadata.map(metadata).transpose()?,
            active: p.active,
        })
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
