use chrono::Utc;
use serde_json::json;

use super::*;
use crate::orders::test_rows;

fn line(i: usize, name: &str) -> OrderLine {
    OrderLine {
        id: Uuid::new_v4(),
        position: i32::try_from(i).unwrap(),
        variant_id: None,
        product_id: None,
        sku: format!("SKU-{i}"),
        name: name.into(),
        attributes: json!({}),
        unit_price_cents: 1200,
        quantity: 2,
        line_total_cents: 2400,
        requires_prescription: false,
    }
}

fn paid_order() -> OrderRow {
    OrderRow {
        paid_at: Some(Utc::now()),
        shipping_address: json!({"line1": "1 Rue de la Paix", "city": "Paris"}),
        ..test_rows::order()
    }
}

#[test]
fn an_invoice_is_a_pdf_with_its_number_and_amounts() {
    let pdf = render("Corner Shop", &paid_order(), &[line(1, "Mug")]);
    assert!(pdf.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&pdf);
    for part in [
        "Invoice for order #42",
        "2 x Mug [SKU-1] at 12.00 EUR",
        "43.20 EUR",
        "TENOFF",
        "Rue de la Paix",
    ] {
        assert!(text.contains(part), "{part:?} missing");
    }
}

#[test]
fn arabic_script_prints_as_question_marks_without_failing() {
    let order = OrderRow {
        name: "مريم".into(),
        ..paid_order()
    };
    let pdf = render("متجر", &order, &[line(1, "كوب")]);
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("Billed to"));
    assert!(text.contains("2 x ??? [SKU-1]"), "no question marks");
}

#[test]
fn a_long_order_runs_on_to_more_pages() {
    let lines: Vec<OrderLine> = (0..120).map(|i| line(i, "Item")).collect();
    let pdf = render("Shop", &paid_order(), &lines);
    let text = String::from_utf8_lossy(&pdf);
    let count: usize = text
        .split("/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(count >= 3, "{count} pages");
    assert!(text.contains("SKU-119"));
}

#[test]
fn long_labels_are_cut_before_the_amount_column() {
    assert_eq!(clip("abcdef", 6), "abcdef");
    assert_eq!(clip("abcdefgh", 6), "abc...");
}
