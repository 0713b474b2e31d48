use super::*;

#[test]
fn money_has_two_decimals() {
    assert_eq!(money(5880, "EUR"), "58.80 EUR");
    assert_eq!(money(5, "EUR"), "0.05 EUR");
    assert_eq!(money(-150, "USD"), "-1.50 USD");
}

#[test]
fn characters_outside_the_font_become_question_marks() {
    assert_eq!(win_ansi("Café €"), b"Caf\xe9 \x80".to_vec());
    assert_eq!(win_ansi("مطعم A"), b"???? A".to_vec());
}

#[test]
fn an_arabic_name_renders_without_panicking() {
    let now = chrono::Utc::now();
    let invoice = Invoice {
        id: uuid::Uuid::new_v4(),
        tenant_id: uuid::Uuid::new_v4(),
        number: "INV-2026-000042".into(),
        provider_invoice_id: None,
        plan_code: "pro".into(),
        billed_to: "عيادة الشفاء".into(),
        period_start: now,
        period_end: now + chrono::Duration::days(30),
        currency: "EUR".into(),
        lines: serde_json::json!([{"description": "Pro plan, 2026-12-03 to 2027-01-03",
            "quantity": 1, "unit_cents": 4900, "amount_cents": 4900}]),
        subtotal_cents: 4900,
        tax_rate_bp: 2000,
        tax_cents: 980,
        total_cents: 5880,
        issued_at: now,
        paid_at: Some(now),
    };
    let pdf = render(&invoice, "platform.test");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    // Uncompressed content: the shown strings are in the file as written.
    assert!(
        text.contains("(Invoice INV-2026-000042)"),
        "the number is shown"
    );
    assert!(
        text.contains("(????? ??????)"),
        "the name's letters became '?'"
    );
    assert!(text.contains("(58.80 EUR)"));
}
