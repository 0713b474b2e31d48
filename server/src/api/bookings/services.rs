//! HTTP handlers of bookings' services (moved from the capability; being thinned).

use crate::extract::CurrentTenant;
use crate::extract::{SignedIn, StaffUser};
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::services::*;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use kernel::db;
use kernel::error::AppError;
use kernel::schema::tenant::{service_categories, services, staff_services};
use uuid::Uuid;

async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
) -> ApiResult<HttpResponse> {
    // Customers and visitors see what they can book; staff see everything.
    let only_active = !user.is_some_and(|u| u.0.role.is_staff());
    let items = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let mut query = services::table
            .filter(services::deleted_at.is_null())
            .order((services::name, services::id))
            .select(Service::as_select())
            .into_boxed();
        if only_active {
            query = query.filter(services::active.eq(true));
        }
        Ok(query.load(conn)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<ServiceBody>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let values = (
        services::id.eq(Uuid::new_v4()),
        services::name.eq(name(&b.name)?),
        services::description.eq(description(b.description.as_deref())?),
        services::duration_minutes.eq(minutes("duration_minutes", b.duration_minutes, 5, 1440)?),
        services::price_cents.eq(price(b.price_cents)?),
        services::currency.eq(currency(b.currency.as_deref().unwrap_or("EUR"))?),
        services::buffer_before_minutes.eq(minutes(
            "buffer_before_minutes",
            b.buffer_before_minutes,
            0,
            480,
        )?),
        services::buffer_after_minutes.eq(minutes(
            "buffer_after_minutes",
            b.buffer_after_minutes,
            0,
            480,
        )?),
        services::category_id.eq(b.category_id),
        services::metadata.eq(metadata(
            b.metadata.unwrap_or_else(|| serde_json::json!({})),
        )?),
        services::active.eq(b.active.unwrap_or(true)),
    );
    let category = b.category_id;
    let service = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        check_category(conn, category)?;
        Ok(diesel::insert_into(services::table)
            .values(values)
            .returning(Service::as_returning())
            .get_result(conn)?)
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::Created().json(service))
}

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let service = db::tenant_tx(&state.pool, &tenant.schema, move |conn| find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(service))
}

async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<ServicePatch>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let p = body.into_inner();
    let changes = ServiceChanges {
        name: p.name.as_deref().map(name).transpose()?,
        description: p
            .description
            .map(|d| description(d.as_deref()))
            .transpose()?,
        duration_minutes: p
            .duration_minutes
            .map(|v| minutes("duration_minutes", v, 5, 1440))
            .transpose()?,
        price_cents: p.price_cents.map(price).transpose()?,
        currency: p.currency.as_deref().map(currency).transpose()?,
        buffer_before_minutes: p
            .buffer_before_minutes
            .map(|v| minutes("buffer_before_minutes", v, 0, 480))
            .transpose()?,
        buffer_after_minutes: p
            .buffer_after_minutes
            .map(|v| minutes("buffer_after_minutes", v, 0, 480))
            .transpose()?,
        category_id: p.category_id,
        metadata: p.metadata.map(metadata).transpose()?,
        active: p.active,
    };
    let service = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        check_category(conn, changes.category_id.flatten())?;
        Ok(diesel::update(services::table.find(id))
            .set((&changes, services::updated_at.eq(diesel::dsl::now)))
            .returning(Service::as_returning())
            .get_result(conn)?)
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::Ok().json(service))
}

/// Soft delete: past bookings keep pointing at the service.
async fn remove(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        find(conn, id)?;
        diesel::update(services::table.find(id))
            .set((
                services::deleted_at.eq(diesel::dsl::now),
                services::active.eq(false),
            ))
            .execute(conn)?;
        diesel::delete(staff_services::table.filter(staff_services::service_id.eq(id)))
            .execute(conn)?;
        Ok(())
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
    Ok(HttpResponse::NoContent().finish())
}

async fn list_categories(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
) -> ApiResult<HttpResponse> {
    let items = db::tenant_tx(&state.pool, &tenant.schema, |conn| {
        Ok(service_categories::table
            .order((service_categories::position, service_categories::name))
            .select(Category::as_select())
            .load(conn)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn create_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let category_name = name(b.name.as_deref().unwrap_or_default())?;
    let position = b.position.unwrap_or(0);
    let category = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        Ok(diesel::insert_into(service_categories::table)
            .values((
                service_categories::id.eq(Uuid::new_v4()),
                service_categories::name.eq(category_name),
                service_categories::position.eq(position),
            ))
            .returning(Category::as_returning())
            .get_result(conn)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(category))
}

async fn update_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    let new_name = b.name.as_deref().map(name).transpose()?;
    let category = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let target = service_categories::table.find(id);
        let current: Category = target
            .select(Category::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| {
                AppError::not_found("category_not_found", "There is no such service category.")
            })?;
        Ok(diesel::update(target)
            .set((
                service_categories::name.eq(new_name.unwrap_or(current.name)),
                service_categories::position.eq(b.position.unwrap_or(current.position)),
            ))
            .returning(Category::as_returning())
            .get_result(conn)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(category))
}

async fn remove_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let deleted = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        Ok(diesel::delete(service_categories::table.find(id)).execute(conn)?)
    })
    .await?;
    if deleted == 0 {
        return Err(AppError::not_found(
            "category_not_found",
            "There is no such service category.",
        )
        .into());
    }
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/services")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(
        web::resource("/services/{id}")
            .route(web::get().to(show))
            .route(web::patch().to(update))
            .route(web::delete().to(remove)),
    )
    .service(
        web::resource("/service-categories")
            .route(web::get().to(list_categories))
            .route(web::post().to(create_category)),
    )
    .service(
        web::resource("/service-categories/{id}")
            .route(web::patch().to(update_category))
            .route(web::delete().to(remove_category)),
    );
}
