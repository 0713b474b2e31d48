//! Service categories: how a tenant groups its services. Staff write,
//! anyone reads.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::name;
use super::repo;
use crate::error::{BookingError, Missing};
use crate::schedule_cache::Schedules;
use kernel::schema::tenant::service_categories;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = service_categories, check_for_backend(diesel::pg::Pg))]
#[schema(as = ServiceCategory)]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    pub position: i32,
    pub created_at: DateTime<Utc>,
}

/// The body of both create and update.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ServiceCategoryBody)]
pub struct CategoryBody {
    /// Needed to create one.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: Option<String>,
    pub position: Option<i32>,
}

#[derive(Debug)]
pub struct NewCategory {
    pub(super) name: String,
    pub(super) position: i32,
}

/// `None` keeps a field as it is.
#[derive(Debug)]
pub struct CategoryChanges {
    pub(super) name: Option<String>,
    pub(super) position: Option<i32>,
}

impl NewCategory {
    pub fn parse(b: CategoryBody) -> Result<Self, BookingError> {
        Ok(NewCategory {
            name: name(b.name.as_deref().unwrap_or_default())?,
            position: b.position.unwrap_or(0),
        })
    }
}

impl CategoryChanges {
    pub fn parse(b: CategoryBody) -> Result<Self, BookingError> {
        Ok(CategoryChanges {
            name: b.name.as_deref().map(name).transpose()?,
            position: b.position,
        })
    }
}

/// By position, then name.
pub fn list(conn: &mut PgConnection) -> Result<Vec<Category>, BookingError> {
    Ok(repo::list_categories(conn)?)
}

/// Each change drops the site's cached menu (`Schedules::changed`): the
/// home page groups services under their categories.
pub fn create(
    conn: &mut PgConnection,
    schedules: &Schedules,
    new: &NewCategory,
) -> Result<Category, BookingError> {
    let category = repo::insert_category(conn, new)?;
    schedules.changed();
    Ok(category)
}

pub fn update(
    conn: &mut PgConnection,
    schedules: &Schedules,
    id: Uuid,
    changes: &CategoryChanges,
) -> Result<Category, BookingError> {
    let category = repo::update_category(conn, id, changes)?
        .ok_or(BookingError::NotFound(Missing::Category))?;
    schedules.changed();
    Ok(category)
}

/// Services in it keep existing, without a category (ON DELETE SET NULL).
pub fn remove(
    conn: &mut PgConnection,
    schedules: &Schedules,
    id: Uuid,
) -> Result<(), BookingError> {
    match repo::delete_category(conn, id)? {
        0 => Err(BookingError::NotFound(Missing::Category)),
        _ => {
            schedules.changed();
            Ok(())
        }
    }
}
