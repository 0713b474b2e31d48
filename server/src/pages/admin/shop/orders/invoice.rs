//! GET /admin/shop/orders/{id}/invoice.pdf: a paid order's invoice for
//! the signed-in team, the document the API serves to a bearer token.

use actix_web::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{web, HttpResponse};
use stores::orders::{self, Access};

use super::super::super::staff_or_answer;
use super::super::id_of;
use crate::extract::CurrentTenant;
use crate::pages::layer::headers;
use crate::pages::layer::{Page, PageResult};

pub async fn pdf(p: Page, tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "order_not_found")?;
    let access = Access::staff(user.user_id);
    let shop = tenant.name.clone();
    let (number, document) = tenant
        .run(&p.state, move |conn| {
            orders::invoice::invoice(conn, &access, &shop, id)
        })
        .await
        .map_err(|e| p.fail(e))?;
    let mut res = HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"order-{number}.pdf\""),
        ))
        .body(document);
    headers::add_common(res.headers_mut());
    // A buyer's order is the shop's own business: no shared cache keeps it.
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}
