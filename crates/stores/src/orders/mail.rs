//! The buyer's mail about their order: one when it is received and one on
//! each change of status, with the lines, totals and a link to the order's
//! page. Plain text rendered here; the outbox sends it once the change
//! commits.

use billing::pdf::money;
use diesel::PgConnection;
use notify::mail::{self, Mail};
use notify::outbox::{self, NewJob};
use tenancy::Site;

use super::model::{OrderLine, OrderRow};
use super::status::OrderStatus;

/// What the mail is about: the order's arrival, or its new status.
#[derive(Debug, Clone, Copy)]
pub enum Occasion {
    Received,
    Now(OrderStatus),
}

/// The subject's words and the opening line.
fn wording(occasion: Occasion, site_name: &str) -> (&'static str, String) {
    match occasion {
        Occasion::Received => (
            "received",
            format!(
                "Thank you for your order with {site_name}. We start on it once your payment \
                 has arrived."
            ),
        ),
        Occasion::Now(status) => match status {
            OrderStatus::PendingPayment => (
                "waiting for payment",
                "Your order is waiting for your payment.".into(),
            ),
            OrderStatus::Paid => (
                "payment received",
                "We have received your payment. Thank you!".into(),
            ),
            OrderStatus::Processing => ("being prepared", "Your order is being prepared.".into()),
            OrderStatus::Shipped => ("shipped", "Your order is on its way.".into()),
            OrderStatus::Delivered => ("delivered", "Your order has been delivered.".into()),
            OrderStatus::Cancelled => ("cancelled", "Your order has been cancelled.".into()),
            OrderStatus::Refunded => ("refunded", "Your order has been refunded.".into()),
        },
    }
}

/// `2 x Mug (red, M) [MUG-1]   24.00 EUR`
fn line_text(line: &OrderLine, currency: &str) -> String {
    let variant: Vec<String> = line
        .attributes
        .as_object()
        .map(|a| {
            a.values()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let variant = if variant.is_empty() {
        String::new()
    } else {
        format!(" ({})", variant.join(", "))
    };
    format!(
        "  {} x {}{variant} [{}]  {}",
        line.quantity,
        line.name,
        line.sku,
        money(line.line_total_cents, currency)
    )
}

/// The subject and text of the mail.
pub fn render(
    site: &Site,
    order: &OrderRow,
    lines: &[OrderLine],
    occasion: Occasion,
    note: Option<&str>,
) -> (String, String) {
    let site_name = &site.tenant.name;
    let (what, intro) = wording(occasion, site_name);
    let currency = &order.currency;
    let mut text = format!(
        "Hello {},\n\n{intro}\n\nOrder #{} - status: {}\n\n",
        order.name,
        order.number,
        order.status.as_str().replace('_', " ")
    );
    for line in lines {
        text.push_str(&line_text(line, currency));
        text.push('\n');
    }
    text.push_str(&format!(
        "\nSubtotal: {}\n",
        money(order.subtotal_cents, currency)
    ));
    if order.discount_cents > 0 {
        let code = order
            .coupon_code
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        text.push_str(&format!(
            "Discount{code}: -{}\n",
            money(order.discount_cents, currency)
        ));
    }
    text.push_str(&format!("Total: {}\n", money(order.total_cents, currency)));
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        text.push_str(&format!("\nNote: {note}\n"));
    }
    text.push_str(&format!(
        "\nSee your order: {}/orders/{}\n\n{site_name}\n",
        site.base_url, order.id
    ));
    (format!("Order #{}: {what}", order.number), text)
}

/// The mail to the order's address, as an outbox job.
pub fn job(
    site: &Site,
    order: &OrderRow,
    lines: &[OrderLine],
    occasion: Occasion,
    note: Option<&str>,
) -> diesel::QueryResult<NewJob> {
    let (subject, text) = render(site, order, lines, occasion, note);
    mail::job(
        site.tenant.id,
        &Mail::Plain {
            to: order.email.clone(),
            subject,
            text,
            calendar: None,
        },
    )
}

/// Queues the mail to the order's address, in the caller's transaction.
pub fn enqueue(
    conn: &mut PgConnection,
    site: &Site,
    order: &OrderRow,
    lines: &[OrderLine],
    occasion: Occasion,
    note: Option<&str>,
) -> diesel::QueryResult<()> {
    let job = job(site, order, lines, occasion, note)?;
    outbox::enqueue_all(conn, &[job]).map(|_| ())
}

#[cfg(test)]
#[path = "mail_test.rs"]
mod tests;
