use super::*;

fn order() -> PaymentOrder {
    PaymentOrder::for_order(Uuid::nil(), 7, 4320, "EUR".into())
}

#[test]
fn the_form_has_the_amount_currency_and_order() {
    let form = intent_form(&order());
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(field("amount").as_deref(), Some("4320"));
    assert_eq!(field("currency").as_deref(), Some("eur"));
    assert_eq!(
        field("metadata[order_id]").as_deref(),
        Some("00000000-0000-0000-0000-000000000000")
    );
    assert_eq!(field("metadata[order_number]").as_deref(), Some("7"));
}

#[test]
fn manual_answers_the_instructions() {
    let p = ManualProvider {
        instructions: Some("IBAN FR76 ...".into()),
    };
    assert_eq!(
        p.start(&order()).unwrap(),
        PaymentStart::Instructions(Some("IBAN FR76 ...".into()))
    );
}

#[test]
fn no_key_is_not_configured() {
    assert!(matches!(
        HttpProvider::new("https://api.example.com", None),
        Err(ProviderError::NotConfigured)
    ));
    assert!(matches!(
        HttpProvider::new("https://api.example.com", Some("  ")),
        Err(ProviderError::NotConfigured)
    ));
}

#[test]
fn an_unreachable_provider_is_a_failure_with_its_cause() {
    // Port 9 (discard) on this machine: refused at once.
    let p = HttpProvider::new("http://127.0.0.1:9", Some("sk_test_123456")).unwrap();
    let Err(ProviderError::Failed { cause, .. }) = p.start(&order()) else {
        panic!("expected a failure")
    };
    assert!(cause.contains("unreachable"), "{cause}");
}
