use super::*;

#[test]
fn a_refused_transition_names_from_to_and_the_allowed_ones() {
    let e = AppError::from(OrderError::InvalidTransition {
        from: OrderStatus::Shipped,
        to: OrderStatus::Cancelled,
    });
    assert_eq!(e.status, StatusCode::CONFLICT);
    assert_eq!(e.code, "invalid_transition");
    assert!(e.detail.contains("delivered, refunded"), "{}", e.detail);
    let ext = e.extensions.unwrap();
    assert_eq!(ext["from"], "shipped");
    assert_eq!(ext["to"], "cancelled");
    assert_eq!(ext["allowed"], serde_json::json!(["delivered", "refunded"]));
}

#[test]
fn unknown_and_hidden_orders_answer_alike() {
    let e = AppError::from(OrderError::NotFound);
    assert_eq!(
        (e.status, e.code),
        (StatusCode::NOT_FOUND, "order_not_found")
    );
}

#[test]
fn every_field_problem_is_in_one_answer() {
    let e = AppError::from(OrderError::Validation(vec![
        FieldError {
            field: "status".into(),
            message: "is unknown".into(),
        },
        FieldError {
            field: "note".into(),
            message: "is too long".into(),
        },
    ]));
    assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e.errors.len(), 2);
    assert_eq!(e.detail, "status: is unknown; note: is too long");
}

#[test]
fn the_prescription_gate_says_what_to_do() {
    let e = AppError::from(OrderError::PrescriptionRequired {
        prescription_status: "pending_review".into(),
    });
    assert_eq!(e.code, "prescription_required");
    assert!(e.detail.contains("pending review"), "{}", e.detail);
}
