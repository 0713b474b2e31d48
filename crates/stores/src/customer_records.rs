//! What the shop holds about one customer: their section of the customer's
//! data export (orders with their lines, prescriptions' metadata, open
//! carts), and what erasure removes (contact and delivery details on their
//! orders, their carts). Orders themselves stay: they are the business's
//! accounts. Prescription files stay too: a pharmacy must keep them.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::schema::{carts, order_lines, orders, prescriptions};
use customers::{Actor, Section};

/// The shop's section of the customer data (export and erasure).
pub const SECTION: Section = Section {
    name: "shop",
    export: export_section,
    erase: erase_for_customer,
};

/// What an erased order keeps of its buyer.
const ERASED_NAME: &str = "Erased customer";

#[derive(Debug, Serialize, Queryable)]
struct ExportedOrder {
    id: Uuid,
    number: i64,
    status: String,
    email: String,
    name: String,
    phone: Option<String>,
    shipping_address: Value,
    currency: String,
    total_cents: i64,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Queryable)]
struct ExportedLine {
    order_id: Uuid,
    sku: String,
    name: String,
    attributes: Value,
    unit_price_cents: i64,
    quantity: i32,
}

#[derive(Debug, Serialize, Queryable)]
struct ExportedPrescription {
    order_id: Uuid,
    content_type: String,
    status: String,
    created_at: DateTime<Utc>,
}

fn json_error(e: serde_json::Error) -> diesel::result::Error {
    diesel::result::Error::SerializationError(Box::new(e))
}

fn export_section(conn: &mut PgConnection, _who: &Actor, customer_id: Uuid) -> QueryResult<Value> {
    let placed: Vec<ExportedOrder> = orders::table
        .filter(orders::customer_id.eq(customer_id))
        .order(orders::created_at)
        .select((
            orders::id,
            orders::number,
            orders::status,
            orders::email,
            orders::name,
            orders::phone,
            orders::shipping_address,
            orders::currency,
            orders::total_cents,
            orders::created_at,
        ))
        .load(conn)?;
    let ids: Vec<Uuid> = placed.iter().map(|o| o.id).collect();
    let lines: Vec<ExportedLine> = order_lines::table
        .filter(order_lines::order_id.eq_any(&ids))
        .order((order_lines::order_id, order_lines::position))
        .select((
            order_lines::order_id,
            order_lines::sku,
            order_lines::name,
            order_lines::attributes,
            order_lines::unit_price_cents,
            order_lines::quantity,
        ))
        .load(conn)?;
    let prescribed: Vec<ExportedPrescription> = prescriptions::table
        .filter(prescriptions::order_id.eq_any(&ids))
        .order(prescriptions::created_at)
        .select((
            prescriptions::order_id,
            prescriptions::content_type,
            prescriptions::status,
            prescriptions::created_at,
        ))
        .load(conn)?;
    let open_carts: i64 = carts::table
        .filter(carts::customer_id.eq(customer_id))
        .filter(carts::status.eq("open"))
        .count()
        .get_result(conn)?;
    Ok(json!({
        "orders": serde_json::to_value(placed).map_err(json_error)?,
        "order_lines": serde_json::to_value(lines).map_err(json_error)?,
        "prescriptions": serde_json::to_value(prescribed).map_err(json_error)?,
        "open_carts": open_carts,
    }))
}

/// Each order keeps its number, lines and totals; its buyer's name, address,
/// phone and delivery address go (the address becomes one no mail reaches,
/// unique per order, since orders need one). Open carts go.
fn erase_for_customer(conn: &mut PgConnection, _who: &Actor, customer_id: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE orders SET name = $2, email = 'erased-' || replace(id::text, '-', '') || '@invalid',
             phone = NULL, shipping_address = '{}', updated_at = now()
         WHERE customer_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(customer_id)
    .bind::<diesel::sql_types::Text, _>(ERASED_NAME)
    .execute(conn)?;
    // Per-customer coupon limits count by address: the erased one now.
    diesel::sql_query(
        "UPDATE coupon_redemptions r SET email = o.email FROM orders o
         WHERE o.id = r.order_id AND o.customer_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(customer_id)
    .execute(conn)?;
    diesel::delete(carts::table.filter(carts::customer_id.eq(customer_id))).execute(conn)?;
    Ok(())
}
