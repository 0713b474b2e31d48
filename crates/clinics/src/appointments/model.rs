//! What a patient's appointment is on the wire.

use chrono::{DateTime, Utc};
use diesel::sql_types::{Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel::QueryableByName;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A new appointment for the patient. The customer the booking is for is
/// the patient's own record (made from the patient's details if needed).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewAppointment)]
pub struct BookBody {
    pub service_id: Uuid,
    /// Any free staff member of the service when left out.
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    /// A start the service's availability offers.
    pub start: DateTime<Utc>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

/// One of the patient's appointments, with the service and the staff
/// member by name.
#[derive(Debug, Serialize, Deserialize, QueryableByName, utoipa::ToSchema)]
#[schema(as = PatientAppointment)]
pub struct Appointment {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub service_id: Uuid,
    #[diesel(sql_type = Text)]
    pub service: String,
    #[diesel(sql_type = SqlUuid)]
    pub staff_id: Uuid,
    #[diesel(sql_type = Text)]
    pub staff: String,
    #[diesel(sql_type = Timestamptz)]
    pub start: DateTime<Utc>,
    #[diesel(sql_type = Timestamptz)]
    pub end: DateTime<Utc>,
    /// confirmed, arrived, completed, no_show, cancelled, ...
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub notes: Option<String>,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
}

/// How the patient keeps their appointments: attended (arrived or
/// completed) against missed. The rate is of those two together; null
/// before either happened.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Attendance {
    pub attended: i64,
    pub no_shows: i64,
    pub no_show_rate: Option<f64>,
}

impl Attendance {
    pub fn of(attended: i64, no_shows: i64) -> Self {
        Attendance {
            attended,
            no_shows,
            no_show_rate: rate(attended, no_shows),
        }
    }
}

/// no_shows / (attended + no_shows), to four places; None when both are 0.
pub fn rate(attended: i64, no_shows: i64) -> Option<f64> {
    let kept_or_missed = attended + no_shows;
    (kept_or_missed > 0)
        .then(|| (no_shows as f64 / kept_or_missed as f64 * 10_000.0).round() / 10_000.0)
}

/// The patient's appointments, newest first, and their attendance.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AppointmentsPage {
    pub items: Vec<Appointment>,
    pub attendance: Attendance,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// How many appointments (1 to 200, default 50), newest first.
    pub limit: Option<u32>,
}

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;
