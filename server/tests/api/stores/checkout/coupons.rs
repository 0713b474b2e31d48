//! Coupons: what staff make of them, and what they take off at checkout.

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::*;
use crate::support::*;

async fn checkout_with(
    shop: &Shop,
    variant: uuid::Uuid,
    qty: i64,
    email: &str,
    code: &str,
) -> (u16, Value) {
    let cart = shop.cart_with(variant, qty).await;
    shop.checkout(&cart, &order_body(email, Some(code)), None)
        .await
}

#[tokio::test]
async fn percent_and_amount_coupons_take_off_what_they_say() {
    let shop = shop().await;
    let mug = shop.variant(1999, 100);
    shop.coupon(json!({"code": "tenoff", "percent_off": 10}))
        .await;
    shop.coupon(json!({"code": "FIVE-EUROS", "amount_off_cents": 500}))
        .await;
    shop.coupon(json!({"code": "BIG_GIFT", "amount_off_cents": 100000}))
        .await;

    // 10 % of 3 x 19.99 = 5.997, to the nearest cent.
    let (status, order) = checkout_with(&shop, mug, 3, "a@example.com", "TenOff").await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["subtotal_cents"], 5997);
    assert_eq!(order["discount_cents"], 600);
    assert_eq!(order["total_cents"], 5397);

    let (status, order) = checkout_with(&shop, mug, 1, "b@example.com", " five-euros ").await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["discount_cents"], 500);
    assert_eq!(order["total_cents"], 1499);

    // An amount larger than the subtotal takes it all, never more.
    let (status, order) = checkout_with(&shop, mug, 2, "c@example.com", "big_gift").await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["discount_cents"], 3998);
    assert_eq!(order["total_cents"], 0);

    let id = order["id"].as_str().unwrap();
    assert_eq!(
        scalar(
            shop.schema(),
            &format!(
                "SELECT count(*) AS n FROM orders o JOIN coupon_redemptions r ON r.order_id = o.id
                 WHERE o.id = '{id}' AND o.coupon_code = 'BIG_GIFT' AND r.email = 'c@example.com'"
            )
        ),
        1
    );
    let (_, listed) = json_of(
        shop.app
            .get(shop.host(), COUPONS)
            .bearer_auth(&shop.staff)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let uses: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["used_count"].as_i64().unwrap())
        .collect();
    assert_eq!(uses, [1, 1, 1]);
}

#[tokio::test]
async fn an_unknown_code_is_a_field_error_and_orders_nothing() {
    let shop = shop().await;
    let mug = shop.variant(1999, 5);
    let (status, body) = checkout_with(&shop, mug, 1, "a@example.com", "NO-SUCH").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "coupon");
    assert_eq!(shop.stock(mug), 5);
    assert_eq!(shop.orders(), 0);
}

#[tokio::test]
async fn a_coupon_applies_only_within_its_dates_and_minimum() {
    let shop = shop().await;
    let mug = shop.variant(1999, 50);
    let now = Utc::now();
    let expired = shop
        .coupon(json!({"code": "OLD", "percent_off": 20,
            "starts_at": now - Duration::days(10), "ends_at": now - Duration::days(1)}))
        .await;
    shop.coupon(json!({"code": "SOON", "percent_off": 20, "starts_at": now + Duration::days(1)}))
        .await;
    shop.coupon(
        json!({"code": "BIG-BASKET", "amount_off_cents": 1000, "min_subtotal_cents": 5000}),
    )
    .await;
    shop.coupon(json!({"code": "OFF", "percent_off": 5, "active": false}))
        .await;

    for (code, reason) in [
        ("old", "expired"),
        ("soon", "not_started"),
        ("big-basket", "min_subtotal"),
        ("off", "inactive"),
    ] {
        let (status, body) = checkout_with(&shop, mug, 1, "a@example.com", code).await;
        assert_eq!(status, 409, "{code}: {body}");
        assert_eq!(body["code"], "coupon_not_applicable");
        assert_eq!(body["reason"], reason, "{code}");
    }
    assert_eq!(shop.stock(mug), 50);
    assert_eq!(shop.orders(), 0);
    // Reaching the minimum, the coupon applies.
    let (status, order) = checkout_with(&shop, mug, 3, "a@example.com", "big-basket").await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["discount_cents"], 1000);
    assert_eq!(order["number"], 1);
    // Staff lift the end date: the old coupon works again.
    let (status, body) = json_of(
        shop.app
            .patch(
                shop.host(),
                &format!("{COUPONS}/{}", expired["id"].as_str().unwrap()),
            )
            .bearer_auth(&shop.staff)
            .json(&json!({"ends_at": null}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = checkout_with(&shop, mug, 1, "a@example.com", "old").await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn a_customer_uses_a_coupon_only_as_often_as_it_allows() {
    let shop = shop().await;
    let mug = shop.variant(1000, 50);
    shop.coupon(json!({"code": "ONCE-EACH", "percent_off": 10, "per_customer_limit": 1}))
        .await;
    let (status, _) = checkout_with(&shop, mug, 1, "ada@example.com", "ONCE-EACH").await;
    assert_eq!(status, 201);
    // The same person, whatever the case of the address.
    let (status, body) = checkout_with(&shop, mug, 1, "ADA@example.com", "ONCE-EACH").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "coupon_limit_reached");
    let (status, _) = checkout_with(&shop, mug, 1, "grace@example.com", "ONCE-EACH").await;
    assert_eq!(status, 201);
    assert_eq!(shop.orders(), 2);
    assert_eq!(shop.stock(mug), 48);
    assert_eq!(
        scalar(shop.schema(), "SELECT used_count::bigint AS n FROM coupons"),
        2
    );
}

#[tokio::test]
async fn staff_make_change_and_delete_coupons() {
    let shop = shop().await;
    let (status, body) = shop
        .create_coupon(json!({"code": "x", "percent_off": 0, "amount_off_cents": 5,
            "usage_limit": 0, "starts_at": "2030-01-02T00:00:00Z", "ends_at": "2030-01-01T00:00:00Z"}))
        .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["code", "percent_off", "ends_at", "usage_limit"]);

    let coupon = shop
        .coupon(json!({"code": "spring-24", "percent_off": 15, "usage_limit": 2}))
        .await;
    assert_eq!(coupon["code"], "SPRING-24");
    assert_eq!(coupon["active"], true);
    assert_eq!(coupon["used_count"], 0);
    let (status, body) = shop
        .create_coupon(json!({"code": "Spring-24", "amount_off_cents": 100}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("coupon_code_taken"))
    );

    let path = format!("{COUPONS}/{}", coupon["id"].as_str().unwrap());
    let patch = |body: Value| {
        shop.app
            .patch(shop.host(), &path)
            .bearer_auth(&shop.staff)
            .json(&body)
            .send()
    };
    let (status, changed) = json_of(
        patch(json!({"usage_limit": 5, "per_customer_limit": 1}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["usage_limit"], 5);
    assert_eq!(changed["per_customer_limit"], 1);
    let (status, body) = json_of(patch(json!({"code": "OTHER"})).await.unwrap()).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = json_of(patch(json!({"active": null})).await.unwrap()).await;
    assert_eq!(
        (status, body["errors"][0]["field"].as_str()),
        (422, Some("active"))
    );

    // Used once, the limit cannot drop below the use, and deleting switches it off.
    let mug = shop.variant(1000, 5);
    let cart = shop.cart_with(mug, 1).await;
    let (status, _) = shop
        .checkout(&cart, &order_body("a@example.com", Some("SPRING-24")), None)
        .await;
    assert_eq!(status, 201);
    let (status, body) = json_of(patch(json!({"usage_limit": 0})).await.unwrap()).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = json_of(patch(json!({"usage_limit": 1})).await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    let delete = || {
        shop.app
            .delete(shop.host(), &path)
            .bearer_auth(&shop.staff)
            .send()
    };
    assert_eq!(delete().await.unwrap().status(), 204);
    let (status, kept) = json_of(
        shop.app
            .get(shop.host(), &path)
            .bearer_auth(&shop.staff)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(kept["active"], false);

    // Never used, it goes.
    let unused = shop
        .coupon(json!({"code": "UNUSED", "amount_off_cents": 100}))
        .await;
    let unused_path = format!("{COUPONS}/{}", unused["id"].as_str().unwrap());
    let res = shop
        .app
        .delete(shop.host(), &unused_path)
        .bearer_auth(&shop.staff)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    for path in [unused_path.as_str(), "/api/v1/coupons/not-an-id"] {
        let (status, body) = json_of(
            shop.app
                .get(shop.host(), path)
                .bearer_auth(&shop.staff)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("coupon_not_found"))
        );
    }
}

#[tokio::test]
async fn only_staff_see_coupons() {
    let shop = shop().await;
    shop.coupon(json!({"code": "SECRET", "percent_off": 50}))
        .await;
    let (status, _) = json_of(shop.app.get(shop.host(), COUPONS).send().await.unwrap()).await;
    assert_eq!(status, 401);
    let customer = customer_account(&shop.app, &shop.tenant, &unique_email("peek")).await;
    let (status, body) = json_of(
        shop.app
            .get(shop.host(), COUPONS)
            .bearer_auth(customer["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("forbidden_role"))
    );
}
