//! A staff member's hours: weekly rules, date overrides and time off.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::staff::find;
use crate::auth::tokens::StaffUser;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::schema::tenant::{availability_overrides, availability_rules, time_off};
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleBody {
    /// 0 = Monday ... 6 = Sunday.
    pub weekday: i16,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesBody {
    pub rules: Vec<RuleBody>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    #[serde(default)]
    pub closed: bool,
    #[serde(default)]
    pub ranges: Vec<RangeBody>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeBody {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeOffBody {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, Queryable)]
pub struct TimeOff {
    pub id: Uuid,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OverrideView {
    pub date: NaiveDate,
    pub closed: bool,
    pub ranges: Vec<RangeBody>,
}

fn parse_time(field_name: &str, raw: &str) -> AppResult<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw.trim(), "%H:%M:%S"))
        .map_err(|_| {
            AppError::invalid(
                field_name,
                format!("{raw:?} is not a time of day like 09:30"),
            )
        })
}

/// A range's end may be "24:00" (midnight at the end of the day).
fn parse_range(field_name: &str, start: &str, end: &str) -> AppResult<(NaiveTime, NaiveTime)> {
    let s = parse_time(field_name, start)?;
    let e = if end.trim() == "24:00" {
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
    } else {
        parse_time(field_name, end)?
    };
    if e <= s {
        return Err(AppError::invalid(
            field_name,
            format!("the range {start}-{end} ends before it starts"),
        ));
    }
    Ok((s, e))
}

fn fmt_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

#[derive(Debug, Serialize)]
pub struct Availability {
    pub staff_id: Uuid,
    pub rules: Vec<RuleBody>,
    pub overrides: Vec<OverrideView>,
    pub time_off: Vec<TimeOff>,
}

fn load_availability(conn: &mut PgConnection, staff_id: Uuid) -> AppResult<Availability> {
    find(conn, staff_id)?;
    let rules: Vec<(i16, NaiveTime, NaiveTime)> = availability_rules::table
        .filter(availability_rules::staff_id.eq(staff_id))
        .order((availability_rules::weekday, availability_rules::start_time))
        .select((
            availability_rules::weekday,
            availability_rules::start_time,
            availability_rules::end_time,
        ))
        .load(conn)?;
    let overrides: Vec<(NaiveDate, Option<NaiveTime>, Option<NaiveTime>)> =
        availability_overrides::table
            .filter(availability_overrides::staff_id.eq(staff_id))
            .order((
                availability_overrides::date,
                availability_overrides::start_time,
            ))
            .select((
                availability_overrides::date,
                availability_overrides::start_time,
                availability_overrides::end_time,
            ))
            .load(conn)?;
    let mut views: Vec<OverrideView> = Vec::new();
    for (date, start, end) in overrides {
        if views.last().map(|v| v.date) != Some(date) {
            views.push(OverrideView {
                date,
                closed: false,
                ranges: vec![],
            });
        }
        if let Some(view) = views.last_mut() {
            match (start, end) {
                (Some(s), Some(e)) => view.ranges.push(RangeBody {
                    start: fmt_time(s),
                    end: fmt_time(e),
                }),
                _ => view.closed = true,
            }
        }
    }
    let time_off = time_off::table
        .filter(time_off::staff_id.eq(staff_id))
        .filter(time_off::ends_at.gt(diesel::dsl::now))
        .order(time_off::starts_at)
        .select((
            time_off::id,
            time_off::starts_at,
            time_off::ends_at,
            time_off::reason,
        ))
        .load(conn)?;
    Ok(Availability {
        staff_id,
        rules: rules
            .into_iter()
            .map(|(weekday, s, e)| RuleBody {
                weekday,
                start: fmt_time(s),
                end: fmt_time(e),
            })
            .collect(),
        overrides: views,
        time_off,
    })
}

async fn show_availability(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let a = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        load_availability(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(a))
}

/// Replaces the weekly rules.
async fn put_rules(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<RulesBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let mut parsed = Vec::new();
    for (i, r) in body.rules.iter().enumerate() {
        if !(0..=6).contains(&r.weekday) {
            return Err(AppError::invalid(
                &format!("rules[{i}].weekday"),
                "must be 0 (Monday) to 6 (Sunday)",
            ));
        }
        let (s, e) = parse_range(&format!("rules[{i}]"), &r.start, &r.end)?;
        parsed.push((r.weekday, s, e));
    }
    for (i, a) in parsed.iter().enumerate() {
        if parsed[..i]
            .iter()
            .any(|b| b.0 == a.0 && a.1 < b.2 && b.1 < a.2)
        {
            return Err(AppError::invalid(
                &format!("rules[{i}]"),
                "overlaps another range on the same weekday",
            ));
        }
    }
    let a = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        diesel::delete(availability_rules::table.filter(availability_rules::staff_id.eq(id)))
            .execute(conn)?;
        let rows: Vec<_> = parsed
            .iter()
            .map(|(w, s, e)| {
                (
                    availability_rules::id.eq(Uuid::new_v4()),
                    availability_rules::staff_id.eq(id),
                    availability_rules::weekday.eq(*w),
                    availability_rules::start_time.eq(*s),
                    availability_rules::end_time.eq(*e),
                )
            })
            .collect();
        diesel::insert_into(availability_rules::table)
            .values(rows)
            .execute(conn)?;
        load_availability(conn, id)
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::Ok().json(a))
}

/// Other hours on one date, or closed; replaces that date's override.
async fn put_override(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, NaiveDate)>,
    body: web::Json<OverrideBody>,
) -> AppResult<HttpResponse> {
    let (id, date) = path.into_inner();
    let b = body.into_inner();
    if b.closed && !b.ranges.is_empty() {
        return Err(AppError::invalid(
            "ranges",
            "a closed day has no ranges; send one or the other",
        ));
    }
    if !b.closed && b.ranges.is_empty() {
        return Err(AppError::invalid(
            "ranges",
            "give the day's ranges, or \"closed\": true",
        ));
    }
    let mut ranges = Vec::new();
    for (i, r) in b.ranges.iter().enumerate() {
        ranges.push(parse_range(&format!("ranges[{i}]"), &r.start, &r.end)?);
    }
    let a = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        clear_override(conn, id, date)?;
        let rows: Vec<_> = if ranges.is_empty() {
            vec![(None, None)]
        } else {
            ranges.iter().map(|(s, e)| (Some(*s), Some(*e))).collect()
        };
        for (s, e) in rows {
            diesel::insert_into(availability_overrides::table)
                .values((
                    availability_overrides::id.eq(Uuid::new_v4()),
                    availability_overrides::staff_id.eq(id),
                    availability_overrides::date.eq(date),
                    availability_overrides::start_time.eq(s),
                    availability_overrides::end_time.eq(e),
                ))
                .execute(conn)?;
        }
        load_availability(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(a))
}

fn clear_override(conn: &mut PgConnection, id: Uuid, date: NaiveDate) -> QueryResult<usize> {
    diesel::delete(
        availability_overrides::table
            .filter(availability_overrides::staff_id.eq(id))
            .filter(availability_overrides::date.eq(date)),
    )
    .execute(conn)
}

async fn delete_override(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, NaiveDate)>,
) -> AppResult<HttpResponse> {
    let (id, date) = path.into_inner();
    db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        clear_override(conn, id, date)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn add_time_off(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<TimeOffBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    if b.to <= b.from {
        return Err(AppError::invalid("to", "must be after \"from\""));
    }
    let reason = crate::input::optional_long_text(b.reason.as_deref(), 500)
        .map_err(|m| AppError::invalid("reason", m))?;
    let off = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        Ok(diesel::insert_into(time_off::table)
            .values((
                time_off::id.eq(Uuid::new_v4()),
                time_off::staff_id.eq(id),
                time_off::starts_at.eq(b.from),
                time_off::ends_at.eq(b.to),
                time_off::reason.eq(reason),
            ))
            .returning((
                time_off::id,
                time_off::starts_at,
                time_off::ends_at,
                time_off::reason,
            ))
            .get_result::<TimeOff>(conn)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(off))
}

async fn delete_time_off(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (id, off_id) = path.into_inner();
    let deleted = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        Ok(diesel::delete(
            time_off::table
                .filter(time_off::id.eq(off_id))
                .filter(time_off::staff_id.eq(id)),
        )
        .execute(conn)?)
    })
    .await?;
    if deleted == 0 {
        return Err(AppError::not_found(
            "time_off_not_found",
            "There is no such time off.",
        ));
    }
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/staff/{id}/availability")
            .route(web::get().to(show_availability))
            .route(web::put().to(put_rules)),
    )
    .service(
        web::resource("/staff/{id}/overrides/{date}")
            .route(web::put().to(put_override))
            .route(web::delete().to(delete_override)),
    )
    .service(web::resource("/staff/{id}/time-off").route(web::post().to(add_time_off)))
    .service(
        web::resource("/staff/{id}/time-off/{time_off_id}")
            .route(web::delete().to(delete_time_off)),
    );
}
