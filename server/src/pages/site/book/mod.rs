//! /book/{service_id}: choose who, a day and a free time, then give your
//! details. Without JavaScript: every choice is a link, the details a form.
//! The slots and the booking come from the same `bookings` operations the
//! JSON API uses.

pub(crate) mod data;
mod form;
pub(crate) mod strip;
mod submit;
pub(crate) mod view;

use actix_web::{web, HttpRequest};
use uuid::Uuid;

use super::super::layer::{Page, PageResult};
use crate::extract::CurrentTenant;
use data::Choice;

pub use submit::submit;

/// The service's id from the path: anything but a uuid is a 404 page.
fn service_id(p: &Page, raw: &str) -> Result<Uuid, super::super::layer::PageError> {
    Uuid::parse_str(raw).map_err(|_| {
        p.fail(kernel::error::AppError::not_found(
            "service_not_found",
            "There is no such service.",
        ))
    })
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    let service_id = service_id(&p, &path)?;
    let choice = Choice::from_query(req.query_string());
    let loaded = data::load(&p, &tenant, service_id, &choice).await?;
    let page = view::build(&p, &loaded, &choice, None);
    p.render(&page)
}
