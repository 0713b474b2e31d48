//! Staff members and the services each performs (their hours: hours.rs).

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::tokens::StaffUser;
use crate::customers::model::{parse_optional_email, parse_phone};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::input::{present, required_text};
use crate::schema::tenant::{services, staff, staff_services};
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff, check_for_backend(diesel::pg::Pg))]
struct StaffRow {
    id: Uuid,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    user_id: Option<Uuid>,
    active: bool,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaffMember {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
    pub active: bool,
    pub service_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffBody {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub user_id: Option<Uuid>,
    #[serde(default)]
    pub service_ids: Vec<Uuid>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub user_id: Option<Option<Uuid>>,
    pub active: Option<bool>,
    pub service_ids: Option<Vec<Uuid>>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = staff)]
struct StaffChanges {
    name: Option<String>,
    email: Option<Option<String>>,
    phone: Option<Option<String>>,
    user_id: Option<Option<Uuid>>,
    active: Option<bool>,
}

fn not_found() -> AppError {
    AppError::not_found("staff_not_found", "There is no such staff member.")
}

fn field<T>(name: &str, r: Result<T, String>) -> AppResult<T> {
    r.map_err(|m| AppError::invalid(name, m))
}

fn with_services(conn: &mut PgConnection, rows: Vec<StaffRow>) -> QueryResult<Vec<StaffMember>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(Uuid, Uuid)> = staff_services::table
        .filter(staff_services::staff_id.eq_any(&ids))
        .select((staff_services::staff_id, staff_services::service_id))
        .order((staff_services::staff_id, staff_services::service_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| StaffMember {
            service_ids: links
                .iter()
                .filter(|(s, _)| *s == r.id)
                .map(|(_, svc)| *svc)
                .collect(),
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            user_id: r.user_id,
            active: r.active,
            created_at: r.created_at,
        })
        .collect())
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> AppResult<StaffMember> {
    let row = staff::table
        .find(id)
        .filter(staff::deleted_at.is_null())
        .select(StaffRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    with_services(conn, vec![row])?.pop().ok_or_else(not_found)
}

fn set_services(conn: &mut PgConnection, staff_id: Uuid, service_ids: &[Uuid]) -> AppResult<()> {
    let known: i64 = services::table
        .filter(services::id.eq_any(service_ids))
        .filter(services::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    let mut unique = service_ids.to_vec();
    unique.sort();
    unique.dedup();
    if known != unique.len() as i64 {
        return Err(AppError::invalid(
            "service_ids",
            "one or more services do not exist",
        ));
    }
    diesel::delete(staff_services::table.filter(staff_services::staff_id.eq(staff_id)))
        .execute(conn)?;
    let rows: Vec<_> = unique
        .iter()
        .map(|svc| {
            (
                staff_services::staff_id.eq(staff_id),
                staff_services::service_id.eq(*svc),
            )
        })
        .collect();
    diesel::insert_into(staff_services::table)
        .values(rows)
        .execute(conn)?;
    Ok(())
}

async fn list(state: web::Data<AppState>, tenant: CurrentTenant) -> AppResult<HttpResponse> {
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
) -> AppResult<HttpResponse> {
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
) -> AppResult<HttpResponse> {
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
) -> AppResult<HttpResponse> {
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
) -> AppResult<HttpResponse> {
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
