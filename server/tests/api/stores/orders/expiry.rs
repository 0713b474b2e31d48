//! An unpaid order expires: when its job falls due the worker cancels it
//! as the platform, gives its stock and coupon use back and mails the
//! buyer. An order paid meanwhile is left alone.

use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;

use super::fixture::{self, Spec};
use super::{As, Shop};

#[derive(QueryableByName)]
struct Sent {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    sent: bool,
}

/// Whether the order's expiry job has been handled.
fn expiry_done(shop: &Shop, order_id: uuid::Uuid) -> bool {
    diesel::sql_query(
        "SELECT coalesce(bool_and(sent_at IS NOT NULL), false) AS sent FROM outbox \
         WHERE kind = 'store_order_expiry' AND payload->>'order_id' = $1",
    )
    .bind::<diesel::sql_types::Text, _>(order_id.to_string())
    .get_result::<Sent>(&mut PgConnection::establish(&shop.db_url()).unwrap())
    .unwrap()
    .sent
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "{what} did not happen");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_expired_unpaid_order_is_cancelled_and_restocked() {
    let shop = Shop::private().await;
    let placed = shop.place(Spec {
        coupon: true,
        expires_at: Utc::now() - chrono::Duration::minutes(1),
        schedule_expiry: true,
        ..Spec::default()
    });
    wait_until("the expiry", || expiry_done(&shop, placed.order_id)).await;
    assert_eq!(shop.status(&placed), "cancelled");
    assert_eq!(shop.stock(&placed), 5);
    assert_eq!(
        fixture::coupon_use(&shop.db_url(), &shop.tenant, &placed),
        (0, false)
    );
    let (_, order) = shop.view(placed.order_id, As::Staff).await;
    let last = order["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["actor"], "system", "{order}");
    assert_eq!(last["from_status"], "pending_payment");
    assert_eq!(last["note"], "payment not received in time");
    let mail = shop
        .app
        .mail
        .wait_for(
            &placed.email,
            &format!("Order #{}: cancelled", placed.number),
        )
        .await;
    assert!(crate::support::decode_qp(&mail.data).contains("payment not received in time"));
}

#[tokio::test]
async fn an_order_paid_before_its_expiry_is_left_alone() {
    let shop = Shop::new().await;
    let placed = shop.place(Spec {
        schedule_expiry: true,
        ..Spec::default()
    });
    assert_eq!(shop.move_to(placed.order_id, "paid").await.0, 200);
    // Its time comes.
    diesel::sql_query(
        "UPDATE outbox SET run_at = now() WHERE kind = 'store_order_expiry' AND payload->>'order_id' = $1",
    )
    .bind::<diesel::sql_types::Text, _>(placed.order_id.to_string())
    .execute(&mut PgConnection::establish(&shop.db_url()).unwrap())
    .unwrap();
    wait_until("the expiry", || expiry_done(&shop, placed.order_id)).await;
    assert_eq!(shop.status(&placed), "paid");
    assert_eq!(shop.stock(&placed), 3);
    assert_eq!(shop.history(&placed).len(), 2);
}
