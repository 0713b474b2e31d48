use super::*;

#[test]
fn an_extension_keeps_the_members_every_problem_has() {
    let e = AppError::conflict("invoice_not_draft", "Not a draft.").with("invoice_status", "paid");
    let body = serde_json::to_value(e.problem()).unwrap();
    assert_eq!(body["status"], 409);
    assert_eq!(body["invoice_status"], "paid");
}

#[test]
#[should_panic(expected = "not free for an extension")]
fn an_extension_named_like_a_member_is_refused() {
    let _ = AppError::conflict("invoice_not_draft", "Not a draft.").with("status", "paid");
}
