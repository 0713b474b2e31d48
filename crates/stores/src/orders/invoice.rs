//! A paid order's invoice as a PDF (A4), written with the PDF standard's
//! built-in Helvetica: no font file ships and the text stays extractable.
//! That font covers Latin-1 only, so Arabic or Persian script (a name, a
//! product, an address) prints as `?`; the number, amounts and dates are
//! always legible. Long orders run on to further pages.

use diesel::PgConnection;
use uuid::Uuid;

use billing::pdf::money;
use billing::pdf_layout::{clip, Pages, BOLD, REGULAR};

use super::access::Access;
use super::error::OrderError;
use super::model::{OrderLine, OrderRow};
use super::repo;
use super::views::find_visible;

/// The shipping address's text values, one per line, in their order.
fn address_lines(order: &OrderRow) -> Vec<String> {
    order
        .shipping_address
        .as_object()
        .map(|a| {
            a.values()
                .filter_map(|v| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| clip(v, 90))
                .collect()
        })
        .unwrap_or_default()
}

fn write_order(p: &mut Pages, shop: &str, order: &OrderRow, lines: &[OrderLine]) {
    let (regular, bold) = (REGULAR, BOLD);
    let currency = order.currency.as_str();
    p.line(20.0, bold, &clip(shop, 50));
    p.line(16.0, bold, &format!("Invoice for order #{}", order.number));
    if let Some(paid) = order.paid_at {
        p.line(11.0, regular, &format!("Paid {}", paid.format("%Y-%m-%d")));
    }
    p.line(
        11.0,
        regular,
        &format!("Ordered {}", order.created_at.format("%Y-%m-%d")),
    );
    p.gap(10.0);
    p.line(11.0, bold, "Billed to");
    p.line(11.0, regular, &clip(&order.name, 90));
    p.line(11.0, regular, &order.email);
    for line in address_lines(order) {
        p.line(11.0, regular, &line);
    }
    p.gap(10.0);
    p.row(bold, "Item", "Amount");
    for line in lines {
        let label = format!(
            "{} x {} [{}] at {}",
            line.quantity,
            line.name,
            line.sku,
            money(line.unit_price_cents, currency)
        );
        p.row(regular, &label, &money(line.line_total_cents, currency));
    }
    p.gap(6.0);
    p.row(regular, "Subtotal", &money(order.subtotal_cents, currency));
    if order.discount_cents > 0 {
        let label = match &order.coupon_code {
            Some(code) => format!("Discount ({code})"),
            None => "Discount".to_string(),
        };
        p.row(
            regular,
            &label,
            &format!("-{}", money(order.discount_cents, currency)),
        );
    }
    p.row(bold, "Total", &money(order.total_cents, currency));
}

/// The invoice's bytes; `shop` is the seller's name shown on top.
pub fn render(shop: &str, order: &OrderRow, lines: &[OrderLine]) -> Vec<u8> {
    let mut pages = Pages::new();
    write_order(&mut pages, shop, order, lines);
    pages.render(&format!("Order {}", order.number), shop)
}

/// The invoice of an order `access` may see, once it was paid: its number
/// (for the file's name) and the PDF.
pub fn invoice(
    conn: &mut PgConnection,
    access: &Access,
    shop: &str,
    order_id: Uuid,
) -> Result<(i64, Vec<u8>), OrderError> {
    let order = find_visible(conn, access, order_id)?;
    if order.paid_at.is_none() {
        return Err(OrderError::NotPaid(order.status));
    }
    let lines = repo::lines(conn, order.id)?;
    Ok((order.number, render(shop, &order, &lines)))
}

#[cfg(test)]
#[path = "invoice_test.rs"]
mod tests;
