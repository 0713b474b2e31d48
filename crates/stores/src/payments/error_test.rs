use super::*;

#[test]
fn a_bad_signature_is_a_400_that_says_which_header() {
    let e = AppError::from(PaymentError::InvalidSignature);
    assert_eq!(
        (e.status, e.code),
        (StatusCode::BAD_REQUEST, "invalid_signature")
    );
    assert!(e.detail.contains("X-Payment-Signature"));
}

#[test]
fn the_provider_s_failure_keeps_its_cause_out_of_the_answer() {
    let e = AppError::from(PaymentError::from(ProviderError::Failed {
        message: "try again".into(),
        cause: "HTTP 500 from the provider".into(),
    }));
    assert_eq!(e.status, StatusCode::BAD_GATEWAY);
    assert_eq!(e.detail, "try again");
    assert_eq!(e.internal.as_deref(), Some("HTTP 500 from the provider"));
    let problem = serde_json::to_string(&e.problem()).unwrap();
    assert!(!problem.contains("HTTP 500"), "{problem}");
}

#[test]
fn order_errors_answer_as_orders_do() {
    let e = AppError::from(PaymentError::from(OrderError::NotFound));
    assert_eq!(e.code, "order_not_found");
}
