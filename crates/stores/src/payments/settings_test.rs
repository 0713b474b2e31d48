use super::*;

fn body(provider: &str) -> SettingsBody {
    SettingsBody {
        provider: provider.into(),
        ..Default::default()
    }
}

#[test]
fn a_provider_is_manual_or_stripe() {
    assert_eq!(
        NewSettings::parse(body("manual")).unwrap().provider,
        ProviderKind::Manual
    );
    assert_eq!(
        NewSettings::parse(body(" stripe ")).unwrap().provider,
        ProviderKind::Stripe
    );
    assert!(NewSettings::parse(body("paypal")).is_err());
}

#[test]
fn every_bad_field_is_named_at_once() {
    let e = NewSettings::parse(SettingsBody {
        provider: "cash".into(),
        api_key: Some("sk live with spaces".into()),
        instructions: Some(Some("x".repeat(MAX_INSTRUCTIONS_CHARS + 1))),
        rotate_webhook_secret: None,
    })
    .unwrap_err();
    let PaymentError::Validation(errors) = e else {
        panic!("{e:?}")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["provider", "api_key", "instructions"]);
}

#[test]
fn instructions_left_out_are_kept_and_blank_ones_cleared() {
    let kept = NewSettings::parse(body("manual")).unwrap();
    assert_eq!(kept.instructions, None);
    let cleared = NewSettings::parse(SettingsBody {
        instructions: Some(Some("  ".into())),
        ..body("manual")
    })
    .unwrap();
    assert_eq!(cleared.instructions, Some(None));
    let nul = NewSettings::parse(SettingsBody {
        instructions: Some(Some("a\0b".into())),
        ..body("manual")
    });
    assert!(nul.is_err());
}

#[test]
fn a_key_shows_only_its_last_four_characters() {
    assert_eq!(last4("sk_test_abcdef1234"), "1234");
    assert_eq!(last4("abc"), "abc");
}

#[test]
fn webhook_secrets_are_long_and_fresh() {
    let (a, b) = (new_webhook_secret(), new_webhook_secret());
    assert_ne!(a, b);
    assert!(a.starts_with("whsec_") && a.len() == 6 + 64, "{a}");
}
