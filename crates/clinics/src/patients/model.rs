//! What a patient is on the wire and in the database.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::consents::{Consents, ConsentsBody};
use crate::schema::patients;
use kernel::input::present;

kernel::text_enum! {
    /// The patient's sex as recorded by the clinic.
    pub enum Sex {
        Female => "female",
        Male => "male",
        Other => "other",
        Unknown => "unknown",
    }
}

/// A patient's whole record, as staff read it (audited).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Patient {
    pub id: Uuid,
    /// PAT000001, PAT000002, ... per site, never reused.
    pub code: String,
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub sex: Option<Sex>,
    /// E.164.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub complaint: Option<String>,
    pub diagnosis: Option<String>,
    pub group: Option<String>,
    pub favourite: bool,
    pub consents: Consents,
    /// The customer record (and account) this patient is, if any.
    pub customer_id: Option<Uuid>,
    pub archived_at: Option<DateTime<Utc>>,
    /// Rises with every change.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The row as stored; becomes a [`Patient`].
#[derive(Debug, Clone, Queryable, Selectable, Deserialize)]
#[diesel(table_name = patients, check_for_backend(diesel::pg::Pg))]
pub struct PatientRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub complaint: Option<String>,
    pub diagnosis: Option<String>,
    pub group_name: Option<String>,
    pub favourite: bool,
    pub consents: serde_json::Value,
    pub customer_id: Option<Uuid>,
    pub archived_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<PatientRow> for Patient {
    fn from(r: PatientRow) -> Self {
        Patient {
            consents: Consents::from_stored(&r.consents),
            id: r.id,
            code: r.code,
            name: r.name,
            date_of_birth: r.date_of_birth,
            sex: r.sex,
            phone: r.phone,
            email: r.email,
            address: r.address,
            complaint: r.complaint,
            diagnosis: r.diagnosis,
            group: r.group_name,
            favourite: r.favourite,
            customer_id: r.customer_id,
            archived_at: r.archived_at,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A patient in a list: who they are and how to reach them, without the
/// clinical fields (complaint, diagnosis). A list is not audited per
/// patient, so it shows nothing a chart would have to account for.
#[derive(Debug, Clone, Serialize, Queryable, QueryableByName, Selectable, utoipa::ToSchema)]
#[diesel(table_name = patients, check_for_backend(diesel::pg::Pg))]
pub struct PatientSummary {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[diesel(column_name = group_name)]
    pub group: Option<String>,
    pub favourite: bool,
    pub archived_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = PatientPage)]
pub struct Page {
    pub items: Vec<PatientSummary>,
    /// Pass as `cursor` (with the same search) for the next page; null on
    /// the last one.
    pub next_cursor: Option<String>,
}

/// A new patient. Blank optional text means none.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPatientBody)]
pub struct CreateBody {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// YYYY-MM-DD, from 1900-01-01 to today.
    #[serde(default)]
    #[schema(format = Date)]
    pub date_of_birth: Option<String>,
    /// female, male, other or unknown.
    #[serde(default)]
    pub sex: Option<String>,
    /// E.164 with its country code, such as +44 20 7946 0958.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub address: Option<String>,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub complaint: Option<String>,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub diagnosis: Option<String>,
    /// A group the clinic sorts patients into (one line).
    #[serde(default)]
    #[schema(max_length = 80)]
    pub group: Option<String>,
    #[serde(default)]
    pub favourite: Option<bool>,
    /// The channels answered; each is stamped with the time.
    #[serde(default)]
    pub consents: Option<ConsentsBody>,
    /// A customer record of this site that this patient is.
    #[serde(default)]
    #[schema(format = Uuid)]
    pub customer_id: Option<String>,
}

/// A partial update. The outer Option says whether the field was sent, the
/// inner one whether it was `null` (which clears an optional field).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PatientPatchBody)]
pub struct PatchBody {
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, min_length = 1, max_length = 200)]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Date)]
    pub date_of_birth: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub sex: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 32)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 5000)]
    pub complaint: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 5000)]
    pub diagnosis: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 80)]
    pub group: Option<Option<String>>,
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub favourite: Option<Option<bool>>,
    /// Only the channels named change. Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = ConsentsBody)]
    pub consents: Option<Option<ConsentsBody>>,
    /// Null unlinks the customer record.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub customer_id: Option<Option<String>>,
    /// The version the change was made on: when sent, a record that has
    /// moved on since is a conflict (409) and nothing changes.
    #[serde(default)]
    pub version: Option<i64>,
}
