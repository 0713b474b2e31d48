//! HTTP handlers of bookings' hours (moved from the capability; being thinned).

use crate::extract::CurrentTenant;
use crate::extract::StaffUser;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::hours::*;
use ::bookings::staff::find;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use diesel::prelude::*;
use kernel::db;
use kernel::error::AppError;
use kernel::schema::tenant::{availability_overrides, availability_rules, time_off};
use uuid::Uuid;

async fn show_availability(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
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
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let mut parsed = Vec::new();
    for (i, r) in body.rules.iter().enumerate() {
        if !(0..=6).contains(&r.weekday) {
            return Err(AppError::invalid(
                &format!("rules[{i}].weekday"),
                "must be 0 (Monday) to 6 (Sunday)",
            )
            .into());
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
            )
            .into());
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
) -> ApiResult<HttpResponse> {
    let (id, date) = path.into_inner();
    let b = body.into_inner();
    if b.closed && !b.ranges.is_empty() {
        return Err(AppError::invalid(
            "ranges",
            "a closed day has no ranges; send one or the other",
        )
        .into());
    }
    if !b.closed && b.ranges.is_empty() {
        return Err(
            AppError::invalid("ranges", "give the day's ranges, or \"closed\": true").into(),
        );
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

async fn delete_override(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, NaiveDate)>,
) -> ApiResult<HttpResponse> {
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
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    if b.to <= b.from {
        return Err(AppError::invalid("to", "must be after \"from\"").into());
    }
    let reason = kernel::input::optional_long_text(b.reason.as_deref(), 500)
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
) -> ApiResult<HttpResponse> {
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
        return Err(AppError::not_found("time_off_not_found", "There is no such time off.").into());
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
