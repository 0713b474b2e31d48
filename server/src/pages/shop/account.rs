//! The signed-in customer's orders on /account: number, date, status,
//! total and a link to each order's page, newest first.

use kernel::error::AppError;
use stores::orders::{self, ListFilter, ListQuery};
use uuid::Uuid;

use super::order_view::status_label;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError};

pub struct OrderRow {
    pub id: Uuid,
    pub number: String,
    pub date: String,
    pub status_code: &'static str,
    pub status: String,
    pub total: String,
}

/// The customer's latest orders (one page of the API's list).
pub async fn orders_of(
    p: &Page,
    tenant: &CurrentTenant,
    customer_id: Uuid,
) -> Result<Vec<OrderRow>, PageError> {
    let (page, tz) = tenant
        .run(&p.state, move |conn| {
            let filter = ListFilter::parse(ListQuery::default())?;
            let page = orders::list_own(conn, customer_id, &filter)?;
            let tz = bookings::settings::get(conn)?.tz();
            Ok::<_, AppError>((page, tz))
        })
        .await
        .map_err(|e| p.fail(e))?;
    Ok(page
        .items
        .iter()
        .map(|o| OrderRow {
            id: o.id,
            number: p.fmt.number(o.number),
            date: p
                .fmt
                .full_date(o.created_at.with_timezone(&tz).date_naive()),
            status_code: o.status.as_str(),
            status: status_label(p, o.status),
            total: p.fmt.price(o.total_cents, &o.currency),
        })
        .collect())
}
