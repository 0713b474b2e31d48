//! Staff move orders along the allowed transitions only; every change is
//! in the history, gives stock (and, before payment, the coupon use) back
//! when the order ends unfulfilled, mails the buyer and emits its event.

use diesel::prelude::*;
use serde_json::{json, Value};

use super::fixture::{self, Spec};
use super::{As, Shop};

fn statuses(history: &Value) -> Vec<(Value, String, String)> {
    history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from_status"].clone(),
                e["to_status"].as_str().unwrap().to_string(),
                e["actor"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_order_walks_to_delivered_and_its_history_lists_every_change() {
    let shop = Shop::new().await;
    let placed = shop.order();
    for next in ["paid", "processing", "shipped", "delivered"] {
        let (status, body) = shop.move_to(placed.order_id, next).await;
        assert_eq!(status, 200, "{next}: {body}");
        assert_eq!(body["status"], next);
    }
    let (status, order) = shop.view(placed.order_id, As::Staff).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(
        statuses(&order["history"]),
        [
            (Value::Null, "pending_payment".into(), "customer".into()),
            (json!("pending_payment"), "paid".into(), "staff".into()),
            (json!("paid"), "processing".into(), "staff".into()),
            (json!("processing"), "shipped".into(), "staff".into()),
            (json!("shipped"), "delivered".into(), "staff".into()),
        ]
    );
    // The team sees who moved it.
    assert!(order["history"][1]["actor_user_id"].is_string(), "{order}");
    assert!(order["paid_at"].is_string());
    // Staff marking it paid records the manual payment: the order's total.
    assert_eq!(order["payment"]["provider"], "manual");
    assert_eq!(order["payment"]["amount_cents"], placed.total_cents);
    // Paid units count as sold; stock stays taken until the order ends.
    assert_eq!(
        fixture::sold(&shop.db_url(), &shop.tenant, placed.product_id),
        2
    );
    assert_eq!(shop.stock(&placed), 3);

    // A refund after delivery: the goods came back.
    let (status, body) = shop.move_to(placed.order_id, "refunded").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(shop.stock(&placed), 5);
    assert_eq!(shop.history(&placed).len(), 6);
}

#[tokio::test]
async fn a_refused_move_is_409_naming_from_to_and_the_allowed_ones_and_changes_nothing() {
    let shop = Shop::new().await;
    let placed = shop.order();
    let (status, body) = shop.move_to(placed.order_id, "shipped").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invalid_transition");
    assert_eq!(body["from"], "pending_payment");
    assert_eq!(body["to"], "shipped");
    assert_eq!(body["allowed"], json!(["paid", "cancelled"]));
    assert_eq!(shop.status(&placed), "pending_payment");
    assert_eq!(shop.history(&placed).len(), 1);

    let (status, _) = shop.move_to(placed.order_id, "cancelled").await;
    assert_eq!(status, 200);
    // Final: nothing follows, not even the same status again.
    for next in ["paid", "cancelled", "refunded"] {
        let (status, body) = shop.move_to(placed.order_id, next).await;
        assert_eq!(status, 409, "{next}: {body}");
        assert_eq!(body["allowed"], json!([]), "{body}");
    }
    assert_eq!(shop.stock(&placed), 5, "restocked once, not again");

    let (status, body) = shop
        .post(
            &format!("/api/v1/orders/{}/status", placed.order_id),
            As::Staff,
            Some(json!({ "status": "lost", "note": "a\u{0}b" })),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(body["errors"].as_array().unwrap().len(), 2, "{body}");
}

#[tokio::test]
async fn only_staff_move_orders() {
    let shop = Shop::new().await;
    let placed = shop.order();
    let (_, customer) = fixture::customer(&shop.app, &shop.tenant);
    let path = format!("/api/v1/orders/{}/status", placed.order_id);
    let body = Some(json!({ "status": "paid" }));
    let (status, answer) = shop.post(&path, As::Bearer(&customer), body.clone()).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (403, Some("forbidden_role"))
    );
    let (status, _) = shop
        .post(&path, As::Token(&placed.token), body.clone())
        .await;
    assert_eq!(status, 401);
    // A malformed or unknown id names no order.
    for id in ["not-an-id", &uuid::Uuid::new_v4().to_string()] {
        let (status, answer) = shop
            .post(
                &format!("/api/v1/orders/{id}/status"),
                As::Staff,
                body.clone(),
            )
            .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (404, Some("order_not_found"))
        );
    }
    assert_eq!(shop.status(&placed), "pending_payment");
}

#[tokio::test]
async fn an_order_needing_a_prescription_ships_only_once_it_is_approved() {
    let shop = Shop::new().await;
    let placed = shop.place(Spec {
        prescription_status: Some("pending_review"),
        ..Spec::default()
    });
    for next in ["paid", "processing"] {
        assert_eq!(shop.move_to(placed.order_id, next).await.0, 200);
    }
    let (status, body) = shop.move_to(placed.order_id, "shipped").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "prescription_required");
    assert_eq!(shop.status(&placed), "processing");

    fixture::in_tenant(&shop.db_url(), &shop.tenant, |conn| {
        diesel::update(stores::schema::orders::table.find(placed.order_id))
            .set(stores::schema::orders::prescription_status.eq("approved"))
            .execute(conn)
    });
    let (status, body) = shop.move_to(placed.order_id, "shipped").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn cancelling_before_payment_gives_stock_and_the_coupon_use_back() {
    let shop = Shop::new().await;
    let placed = shop.place(Spec {
        coupon: true,
        ..Spec::default()
    });
    let url = shop.db_url();
    assert_eq!(fixture::coupon_use(&url, &shop.tenant, &placed), (1, true));
    let (status, body) = shop.move_to(placed.order_id, "cancelled").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(shop.stock(&placed), 5);
    assert_eq!(fixture::coupon_use(&url, &shop.tenant, &placed), (0, false));
}

#[tokio::test]
async fn cancelling_or_refunding_a_paid_order_restocks_but_keeps_the_coupon_use() {
    let shop = Shop::new().await;
    let url = shop.db_url();
    for end in ["cancelled", "refunded"] {
        let placed = shop.place(Spec {
            coupon: true,
            ..Spec::default()
        });
        assert_eq!(shop.move_to(placed.order_id, "paid").await.0, 200);
        assert_eq!(shop.move_to(placed.order_id, "processing").await.0, 200);
        let (status, body) = shop.move_to(placed.order_id, end).await;
        assert_eq!(status, 200, "{end}: {body}");
        assert_eq!(shop.stock(&placed), 5, "{end}");
        assert_eq!(
            fixture::coupon_use(&url, &shop.tenant, &placed),
            (1, true),
            "{end}"
        );
    }
}

#[tokio::test]
async fn the_buyer_cancels_only_while_the_order_waits_for_payment() {
    let shop = Shop::new().await;
    let placed = shop.order();
    let path = format!("/api/v1/orders/{}/cancel", placed.order_id);
    // Anyone else: as unknown as a missing order.
    let (status, _) = shop.post(&path, As::Token("someone-elses"), None).await;
    assert_eq!(status, 404);
    let (status, body) = shop.post(&path, As::Token(&placed.token), None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "cancelled");
    let last = &body["history"][1];
    assert_eq!(last["actor"], "customer");
    assert!(last.get("actor_user_id").is_none(), "{body}");
    assert_eq!(shop.stock(&placed), 5);

    let paid = shop.order();
    assert_eq!(shop.move_to(paid.order_id, "paid").await.0, 200);
    let (status, body) = shop
        .post(
            &format!("/api/v1/orders/{}/cancel", paid.order_id),
            As::Token(&paid.token),
            None,
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "order_not_pending");
    assert_eq!(shop.status(&paid), "paid");
}

#[tokio::test]
async fn each_change_mails_the_buyer_and_emits_its_event() {
    let shop = Shop::private().await;
    let owner = shop.app.owner_token(&shop.tenant);
    let (status, endpoint) = shop
        .post(
            "/api/v1/webhooks",
            As::Bearer(&owner),
            Some(json!({ "url": "http://127.0.0.1:9/hooks", "events": ["order.paid", "order.shipped"] })),
        )
        .await;
    assert_eq!(status, 201, "{endpoint}");
    let placed = shop.order();
    let n = placed.number;
    assert_eq!(shop.move_to(placed.order_id, "paid").await.0, 200);
    assert_eq!(shop.move_to(placed.order_id, "processing").await.0, 200);
    let (status, _) = shop
        .post(
            &format!("/api/v1/orders/{}/status", placed.order_id),
            As::Staff,
            Some(json!({ "status": "shipped", "note": "Parcel XY123" })),
        )
        .await;
    assert_eq!(status, 200);

    let to = &placed.email;
    for subject in [
        format!("Order #{n}: payment received"),
        format!("Order #{n}: being prepared"),
        format!("Order #{n}: shipped"),
    ] {
        shop.app.mail.wait_for(to, &subject).await;
    }
    let mails = shop.mails_to(to).await;
    assert_eq!(mails.len(), 3, "one mail per change");
    let shipped = mails
        .iter()
        .find(|m| m.contains(&format!("Order #{n}: shipped")))
        .unwrap();
    for part in [
        "2 x Blue mug (blue)",
        "Total: 25.00 EUR",
        "Note: Parcel XY123",
        &format!("/orders/{}", placed.order_id),
    ] {
        assert!(shipped.contains(part), "{part:?} missing from:\n{shipped}");
    }

    // The subscribed events only, each once.
    let events: Vec<String> = diesel::sql_query(
        "SELECT payload->>'event' AS event FROM outbox WHERE tenant_id = $1 AND kind = 'webhook' ORDER BY id",
    )
    .bind::<diesel::sql_types::Uuid, _>(shop.tenant.id)
    .load::<Event>(&mut PgConnection::establish(&shop.db_url()).unwrap())
    .unwrap()
    .into_iter()
    .map(|e| e.event)
    .collect();
    assert_eq!(events, ["order.paid", "order.shipped"]);
}

#[derive(QueryableByName)]
struct Event {
    #[diesel(sql_type = diesel::sql_types::Text)]
    event: String,
}

/// What checkout calls once it placed an order: the "received" mail and
/// `order.created`, in the checkout's transaction.
#[tokio::test]
async fn checkout_s_announcement_mails_the_buyer_and_emits_order_created() {
    let shop = Shop::private().await;
    let owner = shop.app.owner_token(&shop.tenant);
    let (status, _) = shop
        .post(
            "/api/v1/webhooks",
            As::Bearer(&owner),
            Some(json!({ "url": "http://127.0.0.1:9/hooks", "events": ["order.created"] })),
        )
        .await;
    assert_eq!(status, 201);
    let placed = shop.order();
    let row = tenancy::model::find_by_slug(
        &mut PgConnection::establish(&shop.db_url()).unwrap(),
        &shop.tenant.slug,
    )
    .unwrap()
    .unwrap();
    let site = tenancy::Site::new(
        tenancy::Tenant::try_from(row).unwrap(),
        None,
        "http",
        crate::support::BASE_DOMAIN,
    );
    fixture::in_tenant(&shop.db_url(), &shop.tenant, |conn| {
        stores::orders::announce_created(conn, &site, placed.order_id)
            .map_err(|e| diesel::result::Error::QueryBuilderError(e.to_string().into()))
    });
    let mail = shop
        .app
        .mail
        .wait_for(
            &placed.email,
            &format!("Order #{}: received", placed.number),
        )
        .await;
    let text = crate::support::decode_qp(&mail.data);
    assert!(
        text.contains(&format!(
            "http://{}/orders/{}",
            shop.tenant.host, placed.order_id
        )),
        "{text}"
    );
    let events: Vec<String> = diesel::sql_query(
        "SELECT payload->>'event' AS event FROM outbox WHERE tenant_id = $1 AND kind = 'webhook'",
    )
    .bind::<diesel::sql_types::Uuid, _>(shop.tenant.id)
    .load::<Event>(&mut PgConnection::establish(&shop.db_url()).unwrap())
    .unwrap()
    .into_iter()
    .map(|e| e.event)
    .collect();
    assert_eq!(events, ["order.created"]);
}
