//! What the booking page shows, loaded in one tenant transaction: the
//! service, who performs it, the site's time zone and window, and the free
//! slots of the days in the strip.

use std::collections::BTreeMap;

use bookings::availability::{self, AvailabilityQuery, SlotQuery};
use bookings::services::{self, Service};
use bookings::staff::{self, Audience, StaffView};
use bookings::{settings, BookingError, Missing, Schedules};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::strip::STRIP_DAYS;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError};

/// What the visitor chose so far, from the query.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub staff: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub date: Option<NaiveDate>,
    pub start: Option<DateTime<Utc>>,
}

impl Choice {
    /// Unreadable values count as not chosen: a stale link still shows the page.
    pub fn from_query(query: &str) -> Choice {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        Choice {
            staff: get("staff").and_then(|v| Uuid::parse_str(v).ok()),
            from: get("from").and_then(|v| v.parse().ok()),
            date: get("date").and_then(|v| v.parse().ok()),
            start: get("start")
                .and_then(|v| DateTime::parse_from_rfc3339(v).ok())
                .map(|d| d.with_timezone(&Utc)),
        }
    }
}

pub struct StaffChoice {
    pub id: Uuid,
    pub name: String,
}

/// One free start; with "anyone", a start is listed once however many
/// staff members are free then.
#[derive(Debug, Clone)]
pub struct FreeSlot {
    pub start: DateTime<Utc>,
}

pub struct Loaded {
    pub service: Service,
    pub staff: Vec<StaffChoice>,
    /// The staff member chosen, when they perform the service.
    pub staff_id: Option<Uuid>,
    pub tz: Tz,
    pub zone: String,
    pub today: NaiveDate,
    pub first_day: NaiveDate,
    pub days: Vec<NaiveDate>,
    /// The last day the site takes bookings for.
    pub last_bookable: NaiveDate,
    pub free: BTreeMap<NaiveDate, Vec<FreeSlot>>,
}

impl Loaded {
    pub fn is_free(&self, start: DateTime<Utc>) -> bool {
        let day = start.with_timezone(&self.tz).date_naive();
        self.free
            .get(&day)
            .is_some_and(|slots| slots.iter().any(|s| s.start == start))
    }
}

fn performers(
    conn: &mut diesel::PgConnection,
    service_id: Uuid,
) -> Result<Vec<StaffChoice>, BookingError> {
    Ok(staff::list(conn, Audience::Public)?
        .into_iter()
        .filter_map(|v| match v {
            StaffView::Public(m) if m.active && m.service_ids.contains(&service_id) => {
                Some(StaffChoice {
                    id: m.id,
                    name: m.name,
                })
            }
            _ => None,
        })
        .collect())
}

pub async fn load(
    p: &Page,
    tenant: &CurrentTenant,
    service_id: Uuid,
    choice: &Choice,
) -> Result<Loaded, PageError> {
    let schedules = Schedules::new(p.state.schedules.clone(), tenant.id);
    let choice = choice.clone();
    tenant
        .run(&p.state, move |conn| {
            let service = services::get(conn, service_id)?;
            if !service.active {
                return Err(BookingError::NotFound(Missing::BookableService));
            }
            let staff = performers(conn, service_id)?;
            let staff_id = choice.staff.filter(|id| staff.iter().any(|s| s.id == *id));
            let settings = settings::get(conn)?;
            let tz = settings.tz();
            let today = Utc::now().with_timezone(&tz).date_naive();
            let last_bookable = today + Duration::days(i64::from(settings.booking_window_days));
            let first_day = choice
                .from
                .or(choice.date)
                .unwrap_or(today)
                .clamp(today, last_bookable.max(today));
            let last_day =
                (first_day + Duration::days(STRIP_DAYS - 1)).min(last_bookable.max(first_day));
            let query = SlotQuery::parse(
                service_id,
                AvailabilityQuery {
                    from: first_day,
                    to: last_day,
                    staff_id,
                },
            )?;
            let found = availability::slots(conn, &schedules, &query)?;
            let mut free: BTreeMap<NaiveDate, Vec<FreeSlot>> = BTreeMap::new();
            for slot in found.slots {
                let Ok(start) = DateTime::parse_from_rfc3339(&slot.start) else {
                    continue;
                };
                let start = start.with_timezone(&Utc);
                let day = free
                    .entry(start.with_timezone(&tz).date_naive())
                    .or_default();
                if !day.iter().any(|s| s.start == start) {
                    day.push(FreeSlot { start });
                }
            }
            let days = first_day
                .iter_days()
                .take_while(|d| *d <= last_day)
                .collect();
            Ok::<_, BookingError>(Loaded {
                service,
                staff,
                staff_id,
                tz,
                zone: found.time_zone,
                today,
                first_day,
                days,
                last_bookable,
                free,
            })
        })
        .await
        .map_err(|e| p.fail(e))
}
