//! A staff member as the API shows it, and the checked values a request
//! must become first. Contact details are kept in the platform's forms:
//! email lower-cased, phone in E.164.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::BookingError;
use kernel::input::present;
use kernel::schema::tenant::staff;
use kernel::values::{Email, PersonName, Phone};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff, check_for_backend(diesel::pg::Pg))]
pub(super) struct StaffRow {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// A staff member as the team sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffMember {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
    pub active: bool,
    /// The services this member performs.
    pub service_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl StaffMember {
    pub(super) fn from_row(r: StaffRow, service_ids: Vec<Uuid>) -> Self {
        StaffMember {
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            user_id: r.user_id,
            active: r.active,
            service_ids,
            created_at: r.created_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    #[serde(default)]
    /// An email address; blank means none.
    #[schema(max_length = 254)]
    pub email: Option<String>,
    /// E.164 with its country code, such as +44 20 7946 0958.
    #[serde(default)]
    #[schema(max_length = 32, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
    #[serde(default)]
    pub user_id: Option<Uuid>,
    #[serde(default)]
    pub service_ids: Vec<Uuid>,
}

/// A partial update; email, phone and user_id may be set to null.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffPatch {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    /// An email address; blank or null means none.
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 32, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub user_id: Option<Option<Uuid>>,
    pub active: Option<bool>,
    pub service_ids: Option<Vec<Uuid>>,
}

#[derive(Debug)]
pub struct NewStaff {
    pub(super) name: PersonName,
    pub(super) email: Option<Email>,
    pub(super) phone: Option<Phone>,
    pub(super) user_id: Option<Uuid>,
    pub(super) service_ids: Vec<Uuid>,
}

/// The columns a change sets; `None` keeps one as it is.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = staff)]
pub(super) struct StaffColumns {
    name: Option<String>,
    email: Option<Option<String>>,
    phone: Option<Option<String>>,
    user_id: Option<Option<Uuid>>,
    active: Option<bool>,
}

#[derive(Debug)]
pub struct StaffChanges {
    pub(super) columns: StaffColumns,
    /// Replaces the services performed, when given.
    pub(super) service_ids: Option<Vec<Uuid>>,
}

/// Blank means none, so an emptied form field needs no special case.
fn email(raw: Option<&str>) -> Result<Option<Email>, BookingError> {
    BookingError::field("email", Email::parse_optional(raw.unwrap_or_default()))
}

fn phone(raw: Option<&str>) -> Result<Option<Phone>, BookingError> {
    BookingError::field("phone", Phone::parse_optional(raw.unwrap_or_default()))
}

fn name(raw: &str) -> Result<PersonName, BookingError> {
    BookingError::field("name", PersonName::parse(raw))
}

impl NewStaff {
    pub fn parse(b: StaffBody) -> Result<Self, BookingError> {
        Ok(NewStaff {
            name: name(&b.name)?,
            email: email(b.email.as_deref())?,
            phone: phone(b.phone.as_deref())?,
            user_id: b.user_id,
            service_ids: b.service_ids,
        })
    }
}

impl StaffChanges {
    pub fn parse(p: StaffPatch) -> Result<Self, BookingError> {
        let columns = StaffColumns {
            name: p
                .name
                .map(|n| name(&n).map(PersonName::into_string))
                .transpose()?,
            email: p
                .email
                .map(|e| Ok::<_, BookingError>(email(e.as_deref())?.map(Email::into_string)))
                .transpose()?,
            phone: p
                .phone
                .map(|ph| Ok::<_, BookingError>(phone(ph.as_deref())?.map(Phone::into_string)))
                .transpose()?,
            user_id: p.user_id,
            active: p.active,
        };
        Ok(StaffChanges {
            columns,
            service_ids: p.service_ids,
        })
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
