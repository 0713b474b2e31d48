use serde_json::json;
use tenancy::{SchemaName, Tenant, TenantStatus};
use uuid::Uuid;

use super::*;

fn site() -> Site {
    let tenant = Tenant {
        id: Uuid::new_v4(),
        slug: "corner-shop".into(),
        name: "Corner Shop".into(),
        schema: SchemaName::parse("t_corner_shop").unwrap(),
        status: TenantStatus::Active,
        past_due_since: None,
    };
    Site::new(tenant, None, "https", "example.com")
}

fn order(status: OrderStatus) -> OrderRow {
    OrderRow {
        status,
        ..crate::orders::test_rows::order()
    }
}

fn line() -> OrderLine {
    OrderLine {
        id: Uuid::new_v4(),
        position: 1,
        variant_id: None,
        product_id: None,
        sku: "MUG-RED".into(),
        name: "Mug".into(),
        attributes: json!({"color": "red"}),
        unit_price_cents: 2400,
        quantity: 2,
        line_total_cents: 4800,
        requires_prescription: false,
    }
}

#[test]
fn the_mail_has_the_number_status_lines_totals_and_link() {
    let site = site();
    let o = order(OrderStatus::Shipped);
    let (subject, text) = render(
        &site,
        &o,
        &[line()],
        Occasion::Now(OrderStatus::Shipped),
        Some("Tracking: XY123"),
    );
    assert_eq!(subject, "Order #42: shipped");
    for part in [
        "Hello Ann Example",
        "Order #42 - status: shipped",
        "2 x Mug (red) [MUG-RED]  48.00 EUR",
        "Subtotal: 48.00 EUR",
        "Discount (TENOFF): -4.80 EUR",
        "Total: 43.20 EUR",
        "Note: Tracking: XY123",
        "Corner Shop",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    let link = format!("https://corner-shop.example.com/orders/{}", o.id);
    assert!(text.contains(&link), "{text}");
}

#[test]
fn each_occasion_has_its_own_subject() {
    let site = site();
    let o = order(OrderStatus::PendingPayment);
    let mut subjects: Vec<String> = OrderStatus::ALL
        .iter()
        .map(|s| render(&site, &o, &[], Occasion::Now(*s), None).0)
        .collect();
    subjects.push(render(&site, &o, &[], Occasion::Received, None).0);
    let mut unique = subjects.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), subjects.len(), "{subjects:?}");
}
