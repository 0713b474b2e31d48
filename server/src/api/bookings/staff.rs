//! HTTP handlers of bookings' staff (moved from the capability; being thinned).

use crate::extract::CurrentTenant;
use crate::extract::StaffUser;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::staff::*;
use actix_web::{web, HttpResponse};
use customers::model::{parse_optional_email, parse_phone};
use diesel::prelude::*;
use kernel::db;
use kernel::input::required_text;
use kernel::schema::tenant::staff;
use uuid::Uuid;

async fn list(state: web::Data<AppState>, tenant: CurrentTenant) -> ApiResult<HttpResponse> {
    let items = db::tenant_tx(&state.pool, &tenant.schema, |conn| {
        let rows = staff::table
            .filter(staff::deleted_at.is_null())
            .order((staff::name, staff::id))
            .select(StaffRow::as_select())
            .load(conn)?;
        Ok(with_services(conn, rows)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<StaffBody>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let id = Uuid::new_v4();
    let values = (
        staff::id.eq(id),
        staff::name.eq(field("name", required_text(&b.name, 200))?),
        staff::email.eq(field(
            "email",
            parse_optional_email(b.email.as_deref().unwrap_or_default()),
        )?),
        staff::phone.eq(field(
            "phone",
            parse_phone(b.phone.as_deref().unwrap_or_default()),
        )?),
        staff::user_id.eq(b.user_id),
    );
    let member = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        diesel::insert_into(staff::table)
            .values(values)
            .execute(conn)?;
        set_services(conn, id, &b.service_ids)?;
        find(conn, id)
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::Created().json(member))
}

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let member = db::tenant_tx(&state.pool, &tenant.schema, move |conn| find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(member))
}

async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<StaffPatch>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let p = body.into_inner();
    let changes = StaffChanges {
        name: p
            .name
            .map(|n| field("name", required_text(&n, 200)))
            .transpose()?,
        email: p
            .email
            .map(|e| {
                field(
                    "email",
                    parse_optional_email(e.as_deref().unwrap_or_default()),
                )
            })
            .transpose()?,
        phone: p
            .phone
            .map(|ph| field("phone", parse_phone(ph.as_deref().unwrap_or_default())))
            .transpose()?,
        user_id: p.user_id,
        active: p.active,
    };
    let service_ids = p.service_ids;
    let member = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        diesel::update(staff::table.find(id))
            .set((&changes, staff::updated_at.eq(diesel::dsl::now)))
            .execute(conn)?;
        if let Some(ids) = service_ids {
            set_services(conn, id, &ids)?;
        }
        find(conn, id)
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::Ok().json(member))
}

async fn remove(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        diesel::update(staff::table.find(id))
            .set((
                staff::deleted_at.eq(diesel::dsl::now),
                staff::active.eq(false),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/staff")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(
        web::resource("/staff/{id}")
            .route(web::get().to(show))
            .route(web::patch().to(update))
            .route(web::delete().to(remove)),
    );
}
