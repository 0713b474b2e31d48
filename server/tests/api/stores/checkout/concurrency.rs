//! Checkouts racing for the same units and the same coupon uses, run at
//! once against the server (it has a pool of 8 connections, so they also
//! queue for connections and meet on row locks).

use futures_util::future::join_all;
use serde_json::json;

use super::*;

/// Checks out every cart at once; the answers, in cart order.
async fn at_once(
    shop: &Shop,
    carts: &[Cart],
    coupon: Option<&str>,
) -> Vec<(u16, serde_json::Value)> {
    let attempts = carts.iter().enumerate().map(|(i, cart)| {
        let body = order_body(&format!("buyer{i}@example.com"), coupon);
        async move { shop.checkout(cart, &body, None).await }
    });
    join_all(attempts).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_checkouts_for_five_units_make_five_orders() {
    let shop = shop().await;
    let mug = shop.variant(1500, 5);
    let mut carts = Vec::new();
    for _ in 0..30 {
        carts.push(shop.cart_with(mug, 1).await);
    }
    let answers = at_once(&shop, &carts, None).await;
    let placed: Vec<_> = answers.iter().filter(|(s, _)| *s == 201).collect();
    assert_eq!(placed.len(), 5, "{answers:?}");
    for (status, body) in &answers {
        if *status != 201 {
            assert_eq!(*status, 409, "{body}");
            assert_eq!(body["code"], "out_of_stock", "{body}");
            assert_eq!(body["lines"][0]["available"], 0, "{body}");
        }
    }
    let mut numbers: Vec<i64> = placed
        .iter()
        .map(|(_, o)| o["number"].as_i64().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(shop.stock(mug), 0);
    assert_eq!(shop.orders(), 5);
    assert_eq!(
        scalar(
            shop.schema(),
            "SELECT coalesce(sum(quantity), 0)::bigint AS n FROM order_lines"
        ),
        5
    );
    assert_eq!(
        scalar(shop.schema(), "SELECT last_number AS n FROM order_counter"),
        5
    );
    // The product shows as sold out.
    assert_eq!(
        scalar(
            shop.schema(),
            &format!("SELECT count(*) AS n FROM products p JOIN variants v ON v.product_id = p.id WHERE v.id = '{mug}' AND NOT p.in_stock")
        ),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_checkouts_for_a_coupon_of_three_uses_use_it_three_times() {
    let shop = shop().await;
    let mug = shop.variant(1000, 100);
    shop.coupon(json!({"code": "FIRST-THREE", "percent_off": 50, "usage_limit": 3}))
        .await;
    let mut carts = Vec::new();
    for _ in 0..20 {
        carts.push(shop.cart_with(mug, 1).await);
    }
    let answers = at_once(&shop, &carts, Some("first-three")).await;
    let placed = answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(placed, 3, "{answers:?}");
    for (status, body) in &answers {
        match status {
            201 => assert_eq!(body["discount_cents"], 500, "{body}"),
            _ => {
                assert_eq!(*status, 409, "{body}");
                assert_eq!(body["code"], "coupon_exhausted", "{body}");
            }
        }
    }
    assert_eq!(
        scalar(shop.schema(), "SELECT used_count::bigint AS n FROM coupons"),
        3
    );
    assert_eq!(
        scalar(
            shop.schema(),
            "SELECT count(*) AS n FROM coupon_redemptions"
        ),
        3
    );
    assert_eq!(shop.orders(), 3);
    // Refused checkouts gave their stock back with the rest.
    assert_eq!(shop.stock(mug), 97);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_email_racing_for_a_once_per_customer_coupon_uses_it_once() {
    let shop = shop().await;
    let mug = shop.variant(1000, 100);
    shop.coupon(json!({"code": "WELCOME", "amount_off_cents": 300, "per_customer_limit": 1}))
        .await;
    let mut carts = Vec::new();
    for _ in 0..10 {
        carts.push(shop.cart_with(mug, 1).await);
    }
    let buyer = &shop;
    let attempts = carts.iter().map(|cart| async move {
        buyer
            .checkout(cart, &order_body("same@example.com", Some("WELCOME")), None)
            .await
    });
    let answers = join_all(attempts).await;
    let placed = answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(placed, 1, "{answers:?}");
    assert!(answers
        .iter()
        .filter(|(s, _)| *s != 201)
        .all(|(s, b)| *s == 409 && b["code"] == "coupon_limit_reached"));
    assert_eq!(
        scalar(shop.schema(), "SELECT used_count::bigint AS n FROM coupons"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_racing_the_first_attempt_places_one_order() {
    let shop = shop().await;
    let mug = shop.variant(1000, 10);
    let cart = shop.cart_with(mug, 2).await;
    let body = order_body("ada@example.com", None);
    let key = uuid::Uuid::new_v4().to_string();
    let answers = join_all((0..8).map(|_| shop.checkout(&cart, &body, Some(&key)))).await;
    let ids: Vec<&serde_json::Value> = answers
        .iter()
        .map(|(status, order)| {
            assert_eq!(*status, 201, "{order}");
            &order["id"]
        })
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{answers:?}");
    assert_eq!(shop.orders(), 1);
    assert_eq!(shop.stock(mug), 8);
}

/// Carts holding the same two variants, put in in either order, check out
/// at once: the variants are locked in one order, so they queue and none
/// fails on a deadlock. The last units sell out, so the products' summary
/// rows are updated too.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn checkouts_sharing_variants_in_any_order_never_deadlock() {
    let shop = shop().await;
    let mug = shop.variant(1000, 6);
    let cup = shop.variant(500, 6);
    let mut carts = Vec::new();
    for i in 0..20 {
        let (first, second) = if i % 2 == 0 { (mug, cup) } else { (cup, mug) };
        let cart = shop.cart_with(first, 1).await;
        let (status, body) = shop.add(&cart, second, 1).await;
        assert_eq!(status, 200, "{body}");
        carts.push(cart);
    }
    let answers = at_once(&shop, &carts, None).await;
    let placed = answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(placed, 6, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(s, b)| *s == 201 || (*s == 409 && b["code"] == "out_of_stock")),
        "{answers:?}"
    );
    assert_eq!((shop.stock(mug), shop.stock(cup)), (0, 0));
}
