//! The card provider's webhook on the shop's host: only events signed with
//! the shop's secret, within five minutes, are read; each is applied once
//! by its id, however often and in whatever order it comes; the order
//! becomes paid at most once.

use diesel::prelude::*;
use serde_json::{json, Value};
use stores::schema::{order_events, payment_events, payments};
use uuid::Uuid;

use super::fixture::{self, Placed, Spec};
use super::{As, Shop};
use crate::support::*;

const WEBHOOK: &str = "/api/v1/payments/webhook";

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Sets the shop's provider to stripe and answers its webhook secret.
pub async fn stripe_shop(shop: &Shop) -> String {
    let owner = shop.app.owner_token(&shop.tenant);
    let (status, body) = shop
        .post(
            "/api/v1/payments/settings",
            As::Bearer(&owner),
            Some(json!({ "provider": "stripe", "api_key": "sk_test_shop_4242" })),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["webhook_secret"].as_str().unwrap().to_string()
}

pub fn card_order(shop: &Shop) -> Placed {
    shop.place(Spec {
        provider: "stripe",
        ..Spec::default()
    })
}

/// `payment_intent.<kind>` for the order, for `amount` in `currency`.
pub fn intent_event(kind: &str, order_id: Uuid, amount: i64, currency: &str) -> Value {
    json!({
        "id": format!("evt_{}", Uuid::new_v4().simple()),
        "type": kind,
        "created": now(),
        "data": { "object": {
            "id": format!("pi_{}", Uuid::new_v4().simple()),
            "object": "payment_intent",
            "amount": amount,
            "amount_received": amount,
            "currency": currency,
            "metadata": { "order_id": order_id.to_string() },
        }},
    })
}

pub fn succeeded(placed: &Placed) -> Value {
    intent_event(
        "payment_intent.succeeded",
        placed.order_id,
        placed.total_cents,
        "eur",
    )
}

pub async fn deliver_raw(shop: &Shop, body: &str, signature: Option<&str>) -> (u16, Value) {
    let mut req = shop
        .app
        .post(&shop.tenant.host, WEBHOOK)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(signature) = signature {
        req = req.header("X-Payment-Signature", signature);
    }
    json_of(req.send().await.unwrap()).await
}

/// Delivers `event` signed as the provider signs, now.
pub async fn deliver(shop: &Shop, secret: &str, event: &Value) -> (u16, Value) {
    let body = event.to_string();
    let signature = billing::signature::sign(secret, now(), body.as_bytes());
    deliver_raw(shop, &body, Some(&signature)).await
}

fn count_events(shop: &Shop) -> i64 {
    fixture::in_tenant(&shop.db_url(), &shop.tenant, |conn| {
        payment_events::table.count().get_result(conn)
    })
}

fn payments_of(shop: &Shop, order_id: Uuid) -> Vec<(String, Option<String>, i64)> {
    fixture::in_tenant(&shop.db_url(), &shop.tenant, |conn| {
        payments::table
            .filter(payments::order_id.eq(order_id))
            .select((
                payments::provider,
                payments::provider_ref,
                payments::amount_cents,
            ))
            .load(conn)
    })
}

fn entries_to(shop: &Shop, order_id: Uuid, status: &str) -> i64 {
    fixture::in_tenant(&shop.db_url(), &shop.tenant, |conn| {
        order_events::table
            .filter(order_events::order_id.eq(order_id))
            .filter(order_events::to_status.eq(status))
            .count()
            .get_result(conn)
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Mail jobs queued for this tenant to `to` (a sent one keeps only its
/// address), and how many of them are not sent yet.
fn mail_jobs(shop: &Shop, to: &str) -> (i64, i64) {
    let mut conn = PgConnection::establish(&shop.db_url()).unwrap();
    let mut count = |unsent: bool| {
        diesel::sql_query(format!(
            "SELECT count(*) AS n FROM outbox WHERE tenant_id = $1 AND kind = 'email' \
             AND payload->>'to' = $2{}",
            if unsent { " AND sent_at IS NULL" } else { "" }
        ))
        .bind::<diesel::sql_types::Uuid, _>(shop.tenant.id)
        .bind::<diesel::sql_types::Text, _>(to)
        .get_result::<Count>(&mut conn)
        .unwrap()
        .n
    };
    (count(false), count(true))
}

#[tokio::test]
async fn one_succeeded_event_delivered_ten_times_five_at_once_pays_once_and_mails_once() {
    let shop = Shop::private().await;
    let secret = stripe_shop(&shop).await;
    let placed = card_order(&shop);
    let event = succeeded(&placed);

    let concurrent = (0..5).map(|_| deliver(&shop, &secret, &event));
    let mut answers = futures_util::future::join_all(concurrent).await;
    for _ in 0..5 {
        answers.push(deliver(&shop, &secret, &event).await);
    }
    for (status, body) in &answers {
        assert_eq!(*status, 200, "{body}");
    }
    let applied = answers
        .iter()
        .filter(|(_, b)| b["outcome"] == "applied")
        .count();
    let duplicates = answers
        .iter()
        .filter(|(_, b)| b["duplicate"] == true)
        .count();
    assert_eq!((applied, duplicates), (1, 9), "{answers:?}");

    let pays = payments_of(&shop, placed.order_id);
    assert_eq!(pays.len(), 1, "{pays:?}");
    assert_eq!(pays[0].0, "stripe");
    assert_eq!(pays[0].1.as_deref(), event["data"]["object"]["id"].as_str());
    assert_eq!(pays[0].2, placed.total_cents);
    assert_eq!(shop.status(&placed), "paid");
    assert_eq!(entries_to(&shop, placed.order_id, "paid"), 1);
    let paid = shop.history(&placed);
    assert_eq!(paid.last().unwrap().2, "provider");
    assert_eq!(count_events(&shop), 1);
    assert_eq!(
        fixture::sold(&shop.db_url(), &shop.tenant, placed.product_id),
        2
    );

    // One mail queued for the buyer (the "paid" one), and once it went
    // out, one in the sink.
    let subject = format!("Order #{}: payment received", placed.number);
    shop.app.mail.wait_for(&placed.email, &subject).await;
    assert_eq!(mail_jobs(&shop, &placed.email).0, 1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while mail_jobs(&shop, &placed.email).1 > 0 {
        assert!(std::time::Instant::now() < deadline, "mail still queued");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mails = shop.mails_to(&placed.email).await;
    assert_eq!(
        mails.iter().filter(|m| m.contains(&subject)).count(),
        1,
        "{mails:?}"
    );
}

#[tokio::test]
async fn a_bad_stale_or_missing_signature_is_400_and_stores_nothing() {
    let shop = Shop::new().await;
    let secret = stripe_shop(&shop).await;
    let placed = card_order(&shop);
    let body = succeeded(&placed).to_string();
    let tampered = body.replace(
        &placed.total_cents.to_string(),
        &(placed.total_cents - 1).to_string(),
    );
    assert_ne!(body, tampered);
    let cases = [
        (
            "wrong secret",
            body.clone(),
            Some(billing::signature::sign(
                "whsec_other",
                now(),
                body.as_bytes(),
            )),
        ),
        (
            "stale",
            body.clone(),
            Some(billing::signature::sign(
                &secret,
                now() - 6 * 60,
                body.as_bytes(),
            )),
        ),
        (
            "from the future",
            body.clone(),
            Some(billing::signature::sign(
                &secret,
                now() + 6 * 60,
                body.as_bytes(),
            )),
        ),
        (
            "tampered body",
            tampered,
            Some(billing::signature::sign(&secret, now(), body.as_bytes())),
        ),
        ("junk header", body.clone(), Some("t=abc,v1=zz".to_string())),
        ("no header", body.clone(), None),
    ];
    for (what, sent, signature) in cases {
        let (status, answer) = deliver_raw(&shop, &sent, signature.as_deref()).await;
        assert_eq!(status, 400, "{what}: {answer}");
        assert_eq!(answer["code"], "invalid_signature", "{what}");
    }
    assert_eq!(count_events(&shop), 0);
    assert!(payments_of(&shop, placed.order_id).is_empty());
    assert_eq!(shop.status(&placed), "pending_payment");

    // A shop that never set its provider has no secret: nothing verifies.
    let bare = Shop::new().await;
    let theirs = card_order(&bare);
    let (status, answer) = deliver(&bare, &secret, &succeeded(&theirs)).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (400, Some("invalid_signature"))
    );
    assert_eq!(count_events(&bare), 0);

    // Signed but not an event: refused, nothing stored.
    let junk = "{\"hello\": 1}";
    let signature = billing::signature::sign(&secret, now(), junk.as_bytes());
    let (status, answer) = deliver_raw(&shop, junk, Some(&signature)).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (400, Some("invalid_event"))
    );
    assert_eq!(count_events(&shop), 0);
}

#[tokio::test]
async fn a_failure_after_the_success_and_unknown_events_change_nothing() {
    let shop = Shop::new().await;
    let secret = stripe_shop(&shop).await;
    let placed = card_order(&shop);
    let (_, body) = deliver(&shop, &secret, &succeeded(&placed)).await;
    assert_eq!(body["outcome"], "applied", "{body}");
    let failed = intent_event(
        "payment_intent.payment_failed",
        placed.order_id,
        placed.total_cents,
        "eur",
    );
    let (status, body) = deliver(&shop, &secret, &failed).await;
    assert_eq!((status, body["outcome"].as_str()), (200, Some("ignored")));
    // A second success under another id: the order is paid already.
    let (_, body) = deliver(&shop, &secret, &succeeded(&placed)).await;
    assert_eq!(body["outcome"], "ignored", "{body}");
    let unknown = json!({
        "id": "evt_unknown_1", "type": "charge.dispute.created", "created": now(),
        "data": {"object": {"id": "dp_1"}},
    });
    let (_, body) = deliver(&shop, &secret, &unknown).await;
    assert_eq!(body["outcome"], "ignored", "{body}");
    assert_eq!(shop.status(&placed), "paid");
    assert_eq!(entries_to(&shop, placed.order_id, "paid"), 1);
    assert_eq!(payments_of(&shop, placed.order_id).len(), 1);
    // Every event is recorded, applied or not.
    assert_eq!(count_events(&shop), 4);
}

#[tokio::test]
async fn another_tenant_s_order_id_is_recorded_and_ignored() {
    let shop = Shop::new().await;
    let secret = stripe_shop(&shop).await;
    let other = Shop::with(spawn_app().await, provision_tenant("orders-b"), None);
    let theirs = card_order(&other);
    let (status, body) = deliver(&shop, &secret, &succeeded(&theirs)).await;
    assert_eq!(
        (status, body["outcome"].as_str()),
        (200, Some("ignored")),
        "{body}"
    );
    assert_eq!(count_events(&shop), 1);
    assert_eq!(other.status(&theirs), "pending_payment");
    assert!(payments_of(&other, theirs.order_id).is_empty());
}

#[tokio::test]
async fn a_payment_of_another_amount_is_flagged_not_paid() {
    let shop = Shop::new().await;
    let secret = stripe_shop(&shop).await;
    let placed = card_order(&shop);
    for (amount, currency) in [
        (placed.total_cents - 100, "eur"),
        (placed.total_cents, "usd"),
    ] {
        let event = intent_event(
            "payment_intent.succeeded",
            placed.order_id,
            amount,
            currency,
        );
        let (status, body) = deliver(&shop, &secret, &event).await;
        assert_eq!(
            (status, body["outcome"].as_str()),
            (200, Some("amount_mismatch")),
            "{body}"
        );
    }
    assert_eq!(shop.status(&placed), "pending_payment");
    assert!(payments_of(&shop, placed.order_id).is_empty());
    let (_, order) = shop.view(placed.order_id, As::Staff).await;
    let notes: Vec<&str> = order["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["note"].as_str())
        .collect();
    assert_eq!(notes.len(), 2, "{order}");
    assert!(notes[0].contains("does not match"), "{notes:?}");
    // The right payment still pays it.
    let (_, body) = deliver(&shop, &secret, &succeeded(&placed)).await;
    assert_eq!(body["outcome"], "applied", "{body}");
}

#[tokio::test]
async fn money_arriving_after_expiry_is_recorded_and_flagged_for_a_refund() {
    let shop = Shop::new().await;
    let secret = stripe_shop(&shop).await;
    let placed = card_order(&shop);
    assert_eq!(shop.move_to(placed.order_id, "cancelled").await.0, 200);
    let event = succeeded(&placed);
    let (status, body) = deliver(&shop, &secret, &event).await;
    assert_eq!(
        (status, body["outcome"].as_str()),
        (200, Some("refund_needed")),
        "{body}"
    );
    assert_eq!(shop.status(&placed), "cancelled");
    assert_eq!(payments_of(&shop, placed.order_id).len(), 1);
    let last = shop.history(&placed).pop().unwrap();
    assert_eq!(
        last,
        (
            Some("cancelled".into()),
            "cancelled".into(),
            "provider".into()
        )
    );
    // Its redelivery changes nothing more.
    let (_, body) = deliver(&shop, &secret, &event).await;
    assert_eq!(body["duplicate"], true);
    assert_eq!(shop.history(&placed).len(), 3);
    assert_eq!(shop.stock(&placed), 5, "the stock was released once");
}
