//! A customer's data, for the owner and admins only: the export (the same
//! JSON document as the API's, as an attachment) and the erasure, which
//! asks for a ticked confirmation box first.

use actix_web::http::header::{
    self, ContentDisposition, DispositionParam, DispositionType, HeaderValue,
};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use customers::{export, repo};

use super::super::admin_or_answer;
use super::customer_id;
use super::show::{load, page};
use crate::extract::{accessor, ClientAddr, CurrentTenant};
use crate::pages::layer::headers;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// GET /admin/customers/{id}/export: `customer-<id>.json`.
pub async fn export(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
) -> PageResult {
    let admin = match admin_or_answer(&p) {
        Ok(admin) => admin,
        Err(denied) => return denied.answer(&p),
    };
    let id = customer_id(&p, &path)?;
    let owner = tenant.0.clone();
    let data = p.state.customer_data.clone();
    let who = accessor(&admin, &addr, &req);
    let document = tenant
        .run(&p.state, move |conn| {
            export::gather(conn, &owner, &data, &who, id)
        })
        .await
        .map_err(|e| p.fail(e))?;
    let mut res = HttpResponse::Ok()
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("customer-{id}.json"))],
        })
        .json(document);
    // Personal data: never kept by a cache on the way.
    headers::add_common(res.headers_mut());
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// POST /admin/customers/{id}/erase: with `confirm` ticked, erases the
/// person's data (the API's operation) and goes back to their page;
/// without it, the page again with a message beside the box (422).
pub async fn erase(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let admin = match admin_or_answer(&p) {
        Ok(admin) => admin,
        Err(denied) => return denied.answer(&p),
    };
    let id = customer_id(&p, &path)?;
    if !f.checked("confirm") {
        let loaded = tenant
            .run(&p.state, move |conn| load(conn, id))
            .await
            .map_err(|e| p.fail(e))?;
        let notice = Some(Notice::bad(p.t("book-errors-intro")));
        let error = Some(p.t("admin-customers-erase-confirm-needed"));
        return p.render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&p, loaded, notice, error),
        );
    }
    let data = p.state.customer_data.clone();
    let who = accessor(&admin, &addr, &req);
    tenant
        .run(&p.state, move |conn| repo::erase(conn, &data, &who, id))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other(&format!("/admin/customers/{id}?erased=1")))
}
