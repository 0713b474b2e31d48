//! The provider's webhook: signed, on the platform's host only, each event
//! applied once and in order.

use serde_json::json;

use super::*;
use crate::support::*;

fn paid(slug: &str, created: i64, invoice: &str, start: i64, end: i64) -> Value {
    event(
        "invoice.paid",
        created,
        slug,
        json!({"id": invoice, "customer": "cus_1",
            "lines": {"data": [{"period": {"start": start, "end": end}}]}}),
    )
}

#[tokio::test]
async fn one_event_delivered_ten_times_is_applied_once() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-once");
    assert_eq!(subscription(&app, &tenant).status, "trialing");
    let (start, end) = (now(), now() + 30 * 86_400);
    let body = paid(&tenant.slug, now(), &unique("in"), start, end);
    let first_five = (0..5).map(|_| deliver(&app, &body));
    let mut answers = futures_util::future::join_all(first_five).await;
    for _ in 0..5 {
        answers.push(deliver(&app, &body).await);
    }
    for (status, answer) in &answers {
        assert_eq!(*status, 200, "{answer}");
        assert_eq!(answer["received"], true);
    }
    let applied = answers
        .iter()
        .filter(|(_, a)| a["outcome"] == "applied")
        .count();
    let duplicates = answers
        .iter()
        .filter(|(_, a)| a["duplicate"] == true)
        .count();
    assert_eq!((applied, duplicates), (1, 9), "{answers:?}");
    let id = body["id"].as_str().unwrap();
    assert_eq!(stored_event(&app, id), vec!["applied".to_string()]);
    assert_eq!(invoice_count(&app, &tenant), 1);
    let sub = subscription(&app, &tenant);
    assert_eq!(sub.status, "active");
    assert_eq!(sub.current_period_start.timestamp(), start);
    assert_eq!(sub.current_period_end.timestamp(), end);
    assert!(sub.trial_ends_at.is_some(), "the trial's end is kept");
}

#[tokio::test]
async fn a_second_event_for_the_same_invoice_issues_no_second_invoice() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-inv");
    let invoice = unique("in");
    for _ in 0..2 {
        let (status, answer) = deliver(
            &app,
            &paid(&tenant.slug, now(), &invoice, now(), now() + 86_400),
        )
        .await;
        assert_eq!(
            (status, &answer["outcome"]),
            (200, &json!("applied")),
            "{answer}"
        );
    }
    assert_eq!(invoice_count(&app, &tenant), 1);
}

#[tokio::test]
async fn a_bad_missing_or_stale_signature_is_refused_and_nothing_is_stored() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-sig");
    let body = paid(&tenant.slug, now(), &unique("in"), now(), now() + 86_400);
    let text = body.to_string();
    let wrong_key = billing::signature::sign("whsec_someone_else", now(), text.as_bytes());
    let stale = billing::signature::sign(SECRET, now() - 600, text.as_bytes());
    let future = billing::signature::sign(SECRET, now() + 600, text.as_bytes());
    let other_body = billing::signature::sign(SECRET, now(), b"{}");
    for signature in [
        Some(wrong_key),
        Some(stale),
        Some(future),
        Some(other_body),
        None,
    ] {
        let (status, problem) = deliver_raw(&app, BASE_DOMAIN, &text, signature.as_deref()).await;
        assert_eq!(status, 400, "{signature:?}: {problem}");
        assert_eq!(problem["code"], "invalid_signature");
    }
    assert!(stored_event(&app, body["id"].as_str().unwrap()).is_empty());
    assert_eq!(subscription(&app, &tenant).status, "trialing");
    assert_eq!(invoice_count(&app, &tenant), 0);
}

#[tokio::test]
async fn an_older_event_arriving_after_a_newer_one_changes_nothing() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-order");
    let failed = event(
        "invoice.payment_failed",
        now(),
        &tenant.slug,
        json!({"id": unique("in")}),
    );
    assert_eq!(deliver(&app, &failed).await.1["outcome"], "applied");
    let late = paid(
        &tenant.slug,
        now() - 60,
        &unique("in"),
        now(),
        now() + 86_400,
    );
    let (status, answer) = deliver(&app, &late).await;
    assert_eq!(
        (status, &answer["outcome"]),
        (200, &json!("stale")),
        "{answer}"
    );
    assert_eq!(
        stored_event(&app, late["id"].as_str().unwrap()),
        vec!["stale".to_string()]
    );
    let sub = subscription(&app, &tenant);
    assert_eq!(sub.status, "past_due");
    assert!(sub.past_due_since.is_some());
    assert_eq!(invoice_count(&app, &tenant), 0);
}

#[tokio::test]
async fn a_failed_payment_makes_it_past_due_and_paying_clears_it() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-due");
    let t0 = now() - 120;
    let failed = event("invoice.payment_failed", t0, &tenant.slug, json!({}));
    assert_eq!(deliver(&app, &failed).await.1["outcome"], "applied");
    let sub = subscription(&app, &tenant);
    assert_eq!(sub.status, "past_due");
    assert_eq!(sub.past_due_since.map(|t| t.timestamp()), Some(t0));
    // A retry failing again keeps the first failure's time (the grace
    // period runs from it).
    let again = event("invoice.payment_failed", t0 + 60, &tenant.slug, json!({}));
    assert_eq!(deliver(&app, &again).await.1["outcome"], "applied");
    assert_eq!(
        subscription(&app, &tenant)
            .past_due_since
            .map(|t| t.timestamp()),
        Some(t0)
    );
    let paid = paid(&tenant.slug, t0 + 90, &unique("in"), now(), now() + 86_400);
    assert_eq!(deliver(&app, &paid).await.1["outcome"], "applied");
    let sub = subscription(&app, &tenant);
    assert_eq!(sub.status, "active");
    assert_eq!(sub.past_due_since, None);
    assert_eq!(sub.last_event_at.map(|t| t.timestamp()), Some(t0 + 90));
    assert_eq!(invoice_count(&app, &tenant), 1);
}

#[tokio::test]
async fn a_deleted_subscription_is_canceled_at_the_events_time() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-cancel");
    let created = now() - 30;
    let deleted = event(
        "customer.subscription.deleted",
        created,
        &tenant.slug,
        json!({"object": "subscription"}),
    );
    assert_eq!(deliver(&app, &deleted).await.1["outcome"], "applied");
    let sub = subscription(&app, &tenant);
    assert_eq!(sub.status, "canceled");
    assert_eq!(sub.canceled_at.map(|t| t.timestamp()), Some(created));
}

#[tokio::test]
async fn other_types_and_unknown_tenants_are_ignored_but_kept() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-ignore");
    let other = event("customer.created", now(), &tenant.slug, json!({}));
    let nobody = event("invoice.paid", now(), "no-such-tenant-here", json!({}));
    for body in [&other, &nobody] {
        let (status, answer) = deliver(&app, body).await;
        assert_eq!(
            (status, &answer["outcome"]),
            (200, &json!("ignored")),
            "{answer}"
        );
        assert_eq!(
            stored_event(&app, body["id"].as_str().unwrap()),
            vec!["ignored".to_string()]
        );
    }
    assert_eq!(subscription(&app, &tenant).status, "trialing");
}

#[tokio::test]
async fn the_webhook_does_not_exist_on_a_tenants_host() {
    let app = billing_app().await;
    let tenant = tenant_on_pro("pay-host");
    let body = paid(&tenant.slug, now(), &unique("in"), now(), now() + 86_400);
    let text = body.to_string();
    let signature = billing::signature::sign(SECRET, now(), text.as_bytes());
    let (status, problem) = deliver_raw(&app, &tenant.host, &text, Some(&signature)).await;
    assert_eq!(status, 404, "{problem}");
    assert_eq!(problem["code"], "platform_only");
    assert!(stored_event(&app, body["id"].as_str().unwrap()).is_empty());
    assert_eq!(subscription(&app, &tenant).status, "trialing");
}

#[tokio::test]
async fn a_signed_body_that_is_not_an_event_is_a_400() {
    let app = billing_app().await;
    for body in [
        r#"{"id": "evt_x", "type": "invoice.paid"}"#,
        r#"{"id": "evt_x", "type": "x\u0000", "created": 1, "data": {"object": {}}}"#,
        r#"{"id": "evt_x", "type": "x", "created": -99999999999, "data": {"object": {}}}"#,
    ] {
        let signature = billing::signature::sign(SECRET, now(), body.as_bytes());
        let (status, problem) = deliver_raw(&app, BASE_DOMAIN, body, Some(&signature)).await;
        assert_eq!(
            (status, &problem["code"]),
            (400, &json!("invalid_event")),
            "{body}: {problem}"
        );
    }
    assert!(stored_event(&app, "evt_x").is_empty());
}

#[tokio::test]
async fn without_a_secret_the_webhook_is_unavailable() {
    let app = spawn_app_with(|s| s.billing.webhook_secret = String::new()).await;
    let body = r#"{"id": "evt_y", "type": "invoice.paid", "created": 1, "data": {"object": {}}}"#;
    let signature = billing::signature::sign("", now(), body.as_bytes());
    let (status, problem) = deliver_raw(&app, BASE_DOMAIN, body, Some(&signature)).await;
    assert_eq!(
        (status, &problem["code"]),
        (503, &json!("payments_not_configured")),
        "{problem}"
    );
}

/// A paid checkout for another plan moves the tenant to it, and the
/// invoice is for that plan.
#[tokio::test]
async fn paying_for_another_plan_moves_the_tenant_to_it() {
    let app = billing_app().await;
    let mut db = conn(&app);
    let slug = random_slug("upgrade");
    let tenant = provision_on_plan(&mut db, slug.clone(), unique_email("o"), "basic").0;
    let body = event(
        "invoice.paid",
        now(),
        &slug,
        json!({"id": unique("in"), "metadata": {"tenant": slug, "plan": "pro"},
            "lines": {"data": [{"period": {"start": now(), "end": now() + 86_400}}]}}),
    );
    let (status, answer) = deliver(&app, &body).await;
    assert_eq!(
        (status, &answer["outcome"]),
        (200, &json!("applied")),
        "{answer}"
    );
    use kernel::schema::public::{invoices, tenants};
    let plan: String = tenants::table
        .find(tenant.id)
        .select(tenants::plan_code)
        .first(&mut db)
        .unwrap();
    assert_eq!(plan, "pro");
    let invoiced: String = invoices::table
        .filter(invoices::tenant_id.eq(tenant.id))
        .select(invoices::plan_code)
        .first(&mut db)
        .unwrap();
    assert_eq!(invoiced, "pro");
}
