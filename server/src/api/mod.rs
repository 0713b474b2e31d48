//! The JSON API, mounted under /api/v1 on tenant hosts: one module per
//! capability, each with its routes and thin handlers. Each module's
//! `routes` registers its handlers on `ApiRoutes` from their
//! `#[utoipa::path]`, which puts them in the API document too.

use serde::Serialize;

use crate::openapi::ApiRoutes;

pub mod auth;
pub mod auth_phone;
pub mod billing;
pub mod bookings;
pub mod branding;
pub mod clinics;
pub mod customers;
pub mod signup;
pub mod stores;
pub mod webhooks;

/// A whole list: `{"items": [...]}`, leaving room for paging fields.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Items<T> {
    pub items: Vec<T>,
}

impl<T> Items<T> {
    pub fn of(items: Vec<T>) -> Self {
        Items { items }
    }
}

pub fn routes(api: &mut ApiRoutes) {
    api.mount(auth::routes)
        .mount(auth_phone::routes)
        .mount(customers::routes)
        .mount(bookings::routes)
        .mount(branding::routes)
        .mount(webhooks::routes)
        .mount(billing::routes)
        .mount(signup::routes)
        .mount(stores::routes)
        .mount(clinics::routes);
}
